using System.Text.Json.Serialization;
using InfoRisk.Model.Configuration;
using InfoRisk.Model.Liability;
using InfoRisk.Model.World;

namespace InfoRisk.Model;

public sealed partial record ModelParameters
{
    [JsonPropertyName("liability_belief_prior_events")]
    [Parameter(118, 0, 1e6, Unit = "harm events", Meaning = "Weight, in harm events, of what the rules imply against what a firm has paid, in its belief about its liability", Source = "assumption: a few dozen cases move a firm's view")]
    public double LiabilityBeliefPriorEvents { get; init; } = 20.0;
}

/// <summary>
/// A firm's belief about its liability (docs/model.md §3.29, firms-and-deterrence.md §3). It starts from what the
/// regime's rules imply (<see cref="LiabilityTable"/>) and learns from the claims and awards against it: for each
/// source, the factor κ = (n0·m + paid) / (n0·m + predicted), where "predicted" is what the table said the harms it
/// answered for would cost, "paid" what they did, m the predicted cost of one harm event and n0 the prior's weight in
/// events. κ is 1 until the firm has seen anything, and tends to the ratio of what it pays to what the rules promise,
/// so a regime that makes suing easier deters more once firms have seen it work. A harm event is counted on the day its
/// claim is judged, or would have been judged had anybody sued (court_delay_days after the harm), so that the court's
/// delay does not make the firm believe claims go unpaid.
/// </summary>
public sealed class LiabilityBelief(ModelParameters p)
{
    private static readonly int Sources = Enum.GetValues<HarmSource>().Length;
    private readonly double[] _events = new double[Sources], _predicted = new double[Sources], _paid = new double[Sources];

    /// <summary>Adds a tick's harm events, predictions and payments of the provider (fen).</summary>
    public void Observe(Tally total, int provider)
    {
        for (var s = 0; s < Sources; s++)
        {
            var source = (HarmSource)s;
            _events[s] += total.Provider(provider, BySource.Events(source));
            _predicted[s] += total.Provider(provider, BySource.Predicted(source));
            _paid[s] += total.Provider(provider, BySource.Paid(source));
        }
    }

    internal (double Events, double Predicted, double Paid) Observed(HarmSource source) => (_events[(int)source], _predicted[(int)source], _paid[(int)source]);

    /// <summary>The factor by which the firm scales what the rules imply for harms of a source.</summary>
    public double Factor(HarmSource source)
    {
        var s = (int)source;
        if (_events[s] <= 0 || _predicted[s] <= 0) return 1.0;
        var perEvent = _predicted[s] / _events[s];
        return (p.LiabilityBeliefPriorEvents * perEvent + _paid[s]) / (p.LiabilityBeliefPriorEvents * perEvent + _predicted[s]);
    }
}
