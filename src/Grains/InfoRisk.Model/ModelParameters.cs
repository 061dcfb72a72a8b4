namespace InfoRisk.Model;

/// <summary>
/// Every parameter of the model with its default. Each is declared next to the mechanism that uses it
/// (<c>Mechanisms/*.cs</c>, as a part of this record) with its JSON name, range, unit and source
/// (<see cref="Configuration.ParameterAttribute"/>); <see cref="Configuration.ParameterRegistry"/> lists them, and the
/// experiment loader, the schema and docs/parameters.md read them from there. Experiment files override them by their
/// snake_case names under <c>parameters</c>, and sweeps vary them. Money is in yuan here and converted to integer fen
/// inside the model.
/// </summary>
public sealed partial record ModelParameters;
