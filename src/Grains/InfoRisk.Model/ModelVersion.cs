namespace InfoRisk.Model;

/// <summary>
/// Versions of the model's results, recorded in every result folder (manifest.json: <c>model_version</c>,
/// <c>draw_layout</c>) and in the identity of an interrupted run, so that --resume never mixes results of two versions.
/// </summary>
public static class ModelVersion
{
    /// <summary>
    /// The version of the model's results: bumped whenever the same inputs (experiment, seed) give different results,
    /// for example a changed mechanism, parameter default or metric definition.
    /// </summary>
    public const int Results = 5;

    /// <summary>
    /// The random-draw layout: which (seed, stream, entity, tick, counter) key each random draw uses. Bumped whenever a
    /// draw moves to another key, which changes the results of every seed.
    /// </summary>
    public const int DrawLayout = 3;
}
