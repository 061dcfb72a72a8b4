using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using InfoRisk.Model;
using InfoRisk.Model.Configuration;
using InfoRisk.Model.Engine;
using InfoRisk.Model.Metrics;
using InfoRisk.Model.Population;

namespace InfoRisk.Runner.Commands;

/// <summary>Settings of the calibrate command.</summary>
public sealed record CalibrateOptions
{
    public string Regime { get; init; } = "dynamic-balance";
    public int Subjects { get; init; } = 20_000;
    public int Replicates { get; init; } = 4;
    public ulong Seed { get; init; } = 1;

    /// <summary>Parameters set for this check, as "name=value" (JSON value).</summary>
    public IReadOnlyList<string> Set { get; init; } = [];

    /// <summary>Where to write calibration.csv (atomically); null: print only.</summary>
    public string? Out { get; init; }
}

/// <summary>
/// How a target's range is known: from a published source, or an assumption of the model stated as a plausibility
/// band (docs/model.md §7 says which), or a model input echoed for completeness (it cannot move unless set).
/// </summary>
public enum TargetBasis
{
    Source,
    Assumption,
    Input,
}

/// <summary>One calibration target: its published range and what the model gave.</summary>
public sealed record CalibrationTarget(string Name, string Meaning, double Lower, double Upper, TargetBasis Basis, string Source, double Model)
{
    public bool InRange => Model >= Lower && Model <= Upper;
}

/// <summary>
/// <c>inforisk calibrate</c>: runs the model for 24 months (730 ticks) at the defaults (or with --set), several
/// replicates, and reports each calibration target with its source, the model's emergent value and whether it is in
/// range. Exit code 0 when every target is in range, 1 when one is not, 2 for bad options.
/// </summary>
public static class CalibrateCommand
{
    /// <summary>The horizon of the breach target: Ponemon's 24 months.</summary>
    public const int Ticks = 730;

    public static RunSpec Spec(CalibrateOptions o)
    {
        static void Check(bool ok, string option, string message)
        {
            if (!ok) throw new BenchOptionException($"{option}: {message}");
        }
        Check(RegimeCatalog.IsBuiltIn(o.Regime), "--regime", $"unknown regime '{o.Regime}'; allowed: {string.Join(", ", RegimeCatalog.BuiltInNames)}");
        Check(o.Subjects is >= 500 and <= 10_000_000, "--subjects", $"{o.Subjects} is not allowed; allowed: 500 to 10,000,000");
        Check(o.Replicates is >= 1 and <= 1000, "--replicates", $"{o.Replicates} is not allowed; allowed: 1 to 1000");
        var parameters = JsonSerializer.SerializeToNode(new ModelParameters(), ModelJson.Options)!.AsObject();
        foreach (var assignment in o.Set)
        {
            var eq = assignment.IndexOf('=', StringComparison.Ordinal);
            Check(eq > 0, "--set", $"'{assignment}' is not name=value");
            var name = assignment[..eq].Trim();
            var definition = ParameterRegistry.Find(name);
            Check(definition is not null, "--set", $"'{name}' is not a model parameter; `inforisk parameters` lists them");
            JsonNode? value;
            try
            {
                value = JsonNode.Parse(assignment[(eq + 1)..]);
            }
            catch (JsonException)
            {
                value = null;
            }
            Check(value is not null, "--set", $"{name}: '{assignment[(eq + 1)..]}' is not a JSON value");
            if (value is JsonValue v && v.TryGetValue<double>(out var number))
            {
                Check(number >= definition!.Min && number <= definition.Max, "--set",
                    $"{name} = {number.ToString(CultureInfo.InvariantCulture)} is out of range; allowed: {definition.Min.ToString(CultureInfo.InvariantCulture)} to {definition.Max.ToString(CultureInfo.InvariantCulture)}");
            }
            parameters[name] = value;
        }
        ModelParameters model;
        try
        {
            model = parameters.Deserialize<ModelParameters>(ModelJson.Strict)!;
        }
        catch (JsonException e)
        {
            throw new BenchOptionException($"--set: {e.Message}");
        }
        var population = new Population { Subjects = o.Subjects, Users = (int)(o.Subjects * 0.3) };
        return new RunSpec { RunId = "calibrate", Seed = o.Seed, Ticks = Ticks, Population = population, Regime = RegimeCatalog.Get(o.Regime), Parameters = model };
    }

    /// <summary>Runs the replicates (in parallel, one plain engine each) and evaluates the targets.</summary>
    public static IReadOnlyList<CalibrationTarget> Evaluate(RunSpec spec, int replicates)
    {
        var runs = new (double Breach, double Memorised, double Hallucination, double Court, double Requests)[replicates];
        // the same runs with no awareness: what remains are the requests that harms prompt (common random numbers)
        var unaware = new double[replicates];
        Parallel.For(0, 2 * replicates, k =>
        {
            var r = k % replicates;
            var replicate = spec with { Seed = spec.Seed + (ulong)r, Replicate = r };
            if (k < replicates) runs[r] = One(replicate);
            else unaware[r] = One(replicate with { Parameters = replicate.Parameters with { AwarenessPerDay = 0 } }).Item5;
        });
        var p = spec.Parameters;
        var uniqueness = new QuasiIdentifiers(p).Uniqueness(Math.Max(spec.Population.Represents, spec.Population.Subjects));
        return
        [
            new("breach_24_months", "Chance that a provider has at least one material breach within 24 months, at the security it chooses", 0.279, 0.296, TargetBasis.Source,
                "Ponemon Institute, Cost of a Data Breach 2018 (27.9%) and 2019 (29.6%)", runs.Average(x => x.Breach)),
            new("population_uniqueness", "Share of the represented population unique on area, birth date and sex", 0.63, 0.87, TargetBasis.Source,
                "Golle 2006 (63%, county level); Sweeney 2000 (87%, ZIP code); Rocher et al. 2019", uniqueness),
            new("memorised_share", "Share of the personal records trained on that the models memorise", 0.01, 0.05, TargetBasis.Source,
                "Carlini et al. 2023: a 6B model memorises at least 1% of its training data (upper end: assumption)", runs.Average(x => x.Memorised)),
            new("pii_share_of_extraction", "Share of extracted memorised strings that hold personal information (a model input)", 0.15, 0.19, TargetBasis.Input,
                "Nasr et al. 2023: 16.9% of extracted memorised strings held personal information", p.PiiShareOfMemorizedOutput),
            new("hallucination_served", "Share of answers about a person that are false after the output filters the providers choose", 0.007, 0.056, TargetBasis.Source,
                "Vectara hallucination leaderboard 2025: 0.7% (best) to 5.6% (mainstream models)", runs.Average(x => x.Hallucination)),
            new("unprompted_rights_requests", "Access, deletion and restriction requests a year per subject whose data a provider holds, not prompted by a harm (less those of the same runs with awareness_per_day 0)", 0.000377, 0.000859, TargetBasis.Source,
                "DataGrail Privacy Trends 2022-2024: 377 (2021), 650 (2022) and 859 (2024) data subject requests per million identities a year", runs.Select((x, r) => x.Requests - unaware[r]).Average()),
            new("harms_reaching_court", "Share of harm events that end in a filed claim within 24 months", 0.001, 0.10, TargetBasis.Assumption,
                "assumption: no source measures it for personal information; Romanosky, Hoffman and Acquisti 2014 find about 4% of data breaches litigated", runs.Average(x => x.Court)),
        ];
    }

    private static (double, double, double, double, double) One(RunSpec spec)
    {
        var parts = new PlainRunParts(spec);
        var protocol = new RunProtocol(spec, parts);
        protocol.InitialiseAsync().GetAwaiter().GetResult();
        var p = spec.Parameters;
        var logSurvival = new double[spec.Population.Providers];
        double hallucination = 0;
        long harmEvents = 0, claims = 0, requests = 0;
        double heldPairDays = 0;
        TickRow last = default!;
        for (var t = 0; t < spec.Ticks; t++)
        {
            // the security in force on a tick is the one the provider chose before it
            foreach (var provider in parts.Providers)
            {
                var view = provider.CurrentView;
                if (view.Active) logSurvival[provider.Index] += Math.Log(1 - Breaches.Daily(p, view.Security));
            }
            last = protocol.AdvanceAsync(1).GetAwaiter().GetResult()[0];
            hallucination += p.HallucinationRate * (1 - p.FilterFactualityEfficacy * last.Value(Metric.MeanOutputFilter));
            harmEvents += (long)last.Value(Metric.HarmEvents);
            claims += (long)last.Value(Metric.ClaimsFiled);
            requests += (long)(last.Value(Metric.AccessRequests) + last.Value(Metric.DeletionRequests) + last.Value(Metric.RestrictionRequests));
            foreach (var provider in parts.Providers) heldPairDays += provider.HeldSubjects;
        }
        var trained = last.Value(Metric.RecordsHeld) * last.Value(Metric.MeanTrainingShare);
        return (logSurvival.Average(s => 1 - Math.Exp(s)),
            trained > 0 ? last.Value(Metric.RecordsMemorized) / trained : 0,
            hallucination / spec.Ticks,
            harmEvents > 0 ? claims / (double)harmEvents : 0,
            heldPairDays > 0 ? requests / (heldPairDays / 365.0) : 0);
    }

    public static async Task<int> ExecuteAsync(CalibrateOptions options, TextWriter output, TextWriter error)
    {
        RunSpec spec;
        try
        {
            spec = Spec(options);
        }
        catch (BenchOptionException e)
        {
            await error.WriteLineAsync($"error: {e.Message}");
            return ExitCodes.BadInput;
        }
        if (options.Out is { } outPath && Path.GetDirectoryName(Path.GetFullPath(outPath)) is { } folder && !Directory.Exists(folder))
        {
            await error.WriteLineAsync($"error: --out: the folder {folder} does not exist");
            return ExitCodes.BadInput;
        }
        await output.WriteLineAsync($"calibrate: {spec.Regime.Name}, {spec.Population.Subjects:N0} subjects standing for {spec.Population.Represents:N0} people, "
            + $"{Ticks} ticks (24 months), {options.Replicates} replicates from seed {spec.Seed}{(options.Set.Count > 0 ? ", set " + string.Join(", ", options.Set) : "")}");
        var targets = Evaluate(spec, options.Replicates);
        await output.WriteLineAsync();
        await output.WriteLineAsync($"{"target",-28}{"range",-18}{"model",10}  {"in range",-9}{"basis",-11}source");
        foreach (var t in targets)
        {
            await output.WriteLineAsync($"{t.Name,-28}{Range(t),-18}{t.Model,10:G4}  {(t.InRange ? "yes" : "NO"),-9}{t.Basis.ToString().ToLowerInvariant(),-11}{t.Source}");
        }
        if (options.Out is { } path)
        {
            var csv = new System.Text.StringBuilder("target,meaning,lower,upper,model,in_range,basis,source\n");
            foreach (var t in targets)
            {
                csv.Append(CultureInfo.InvariantCulture, $"{t.Name},{Quote(t.Meaning)},{t.Lower:R},{t.Upper:R},{t.Model:R},{(t.InRange ? "true" : "false")},{t.Basis.ToString().ToLowerInvariant()},{Quote(t.Source)}\n");
            }
            var temporary = path + ".partial";
            await File.WriteAllTextAsync(temporary, csv.ToString());
            File.Move(temporary, path, overwrite: true);
        }
        var outside = targets.Where(t => !t.InRange).Select(t => t.Name).ToList();
        await output.WriteLineAsync(outside.Count == 0 ? "every target is in range" : $"out of range: {string.Join(", ", outside)}");
        return outside.Count == 0 ? ExitCodes.Ok : ExitCodes.Failure;
    }

    private static string Range(CalibrationTarget t) => string.Create(CultureInfo.InvariantCulture, $"[{t.Lower:G4}, {t.Upper:G4}]");

    private static string Quote(string s) => "\"" + s.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
}
