namespace InfoRisk.Runner.Experiments;

/// <summary>One problem in an experiment file: where it is (file, line, column, JSON path), what is wrong and what is allowed.</summary>
public sealed record ExperimentProblem(string File, string JsonPath, int Line, int Column, string Message)
{
    public override string ToString() =>
        Line > 0 ? $"{File}:{Line}:{Column}: {JsonPath}: {Message}" : $"{File}: {JsonPath}: {Message}";
}

/// <summary>Raised when an experiment file is refused; carries every problem found.</summary>
public sealed class ExperimentException(IReadOnlyList<ExperimentProblem> problems)
    : Exception(string.Join(Environment.NewLine, problems))
{
    public IReadOnlyList<ExperimentProblem> Problems { get; } = problems;
}

/// <summary>Suggestions for misspelt names.</summary>
public static class Suggest
{
    public static string DidYouMean(string given, IEnumerable<string> allowed)
    {
        var best = allowed
            .Select(a => (Name: a, Distance: Distance(given.ToLowerInvariant(), a.ToLowerInvariant())))
            .OrderBy(x => x.Distance).ThenBy(x => x.Name, StringComparer.Ordinal)
            .FirstOrDefault();
        return best.Name is not null && best.Distance <= Math.Max(2, given.Length / 3) ? $" (did you mean '{best.Name}'?)" : "";
    }

    /// <summary>Levenshtein distance.</summary>
    public static int Distance(string a, string b)
    {
        var previous = new int[b.Length + 1];
        var current = new int[b.Length + 1];
        for (var j = 0; j <= b.Length; j++) previous[j] = j;
        for (var i = 1; i <= a.Length; i++)
        {
            current[0] = i;
            for (var j = 1; j <= b.Length; j++)
            {
                var cost = a[i - 1] == b[j - 1] ? 0 : 1;
                current[j] = Math.Min(Math.Min(current[j - 1] + 1, previous[j] + 1), previous[j - 1] + cost);
            }
            (previous, current) = (current, previous);
        }
        return previous[b.Length];
    }
}
