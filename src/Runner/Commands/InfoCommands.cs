using InfoRisk.Model.Configuration;
using InfoRisk.Runner.Experiments;

namespace InfoRisk.Runner.Commands;

/// <summary>The validate and regimes commands.</summary>
public static class InfoCommands
{
    public static async Task<int> ValidateAsync(string path, TextWriter output, TextWriter error)
    {
        try
        {
            var e = ExperimentLoader.Load(path);
            await output.WriteLineAsync($"{path}: ok: '{e.Name}', {e.RunCount} runs ({e.Scenarios.Count} scenario(s) x {e.Regimes.Count} regimes x {e.Replicates} replicates), {e.Population.Subjects:N0} subjects, {e.Ticks} ticks");
            // a note, not a refusal: the file may be meant for a larger machine or a cluster; `run` refuses what does not fit here
            var budget = Execution.MemoryBudget.Of(e, Math.Max(2, Environment.ProcessorCount * 2));
            await output.WriteLineAsync($"memory on an embedded silo at the default concurrency: {budget.Describe()}{(budget.Fits ? "" : "; does not fit: `run` on this machine would refuse it (exit 2)")}");
            var size = Results.OutputSize.Of(e);
            var free = Results.OutputSize.FreeBytes(Environment.CurrentDirectory);
            await output.WriteLineAsync($"{size.Describe()}{(size.Problem(free) is null ? "" : $"; more than the {Results.OutputSize.Bytes(free!.Value)} free here: `run` with --out here would refuse it (exit 2)")}");
            return ExitCodes.Ok;
        }
        catch (ExperimentException x)
        {
            foreach (var p in x.Problems) await error.WriteLineAsync($"error: {p}");
            await error.WriteLineAsync($"{x.Problems.Count} problem(s)");
            return ExitCodes.BadInput;
        }
    }

    /// <summary>Lists the built-in regimes and every lever's value in each, as a table.</summary>
    public static async Task<int> RegimesAsync(TextWriter output)
    {
        var regimes = RegimeCatalog.BuiltInNames.Select(RegimeCatalog.Get).ToList();
        var width = Math.Max(28, RegimeCatalog.LeverNames.Max(l => l.Length) + 2);
        await output.WriteLineAsync("lever".PadRight(width) + string.Concat(regimes.Select(r => r.Name.PadRight(22))));
        foreach (var lever in RegimeCatalog.LeverNames)
        {
            var declared = Settable.Lever(lever)!;
            var type = declared.IsEnum ? string.Join("|", declared.AllowedValues) : declared.IsBoolean ? "true|false" : "number";
            await output.WriteLineAsync(lever.PadRight(width) + string.Concat(regimes.Select(r => RegimeCatalog.LeverValue(r, lever).PadRight(22))) + type);
        }
        await output.WriteLineAsync();
        foreach (var r in regimes) await output.WriteLineAsync($"{r.Name}: {r.Description}");
        await output.WriteLineAsync("Regime files: experiments/regimes/*.json. A custom regime in an experiment: { \"name\": \"mine\", \"base\": \"dynamic-balance\", \"levers\": { \"punitive_multiplier\": 3 } }");
        return ExitCodes.Ok;
    }
}
