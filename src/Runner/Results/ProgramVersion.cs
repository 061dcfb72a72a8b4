using System.Reflection;

namespace InfoRisk.Runner.Results;

/// <summary>The program's version and the git commit it was built from (manifest.json: version, git_commit).</summary>
public static class ProgramVersion
{
    private static readonly string Informational =
        typeof(ProgramVersion).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "0.0.0";

    /// <summary>The informational version before any '+'.</summary>
    public static string Version => Informational.IndexOf('+', StringComparison.Ordinal) is var plus and > 0 ? Informational[..plus] : Informational;

    /// <summary>The source commit compiled in (after the '+'), or "unknown".</summary>
    public static string Commit => Informational.IndexOf('+', StringComparison.Ordinal) is var plus and > 0 ? Informational[(plus + 1)..] : "unknown";
}
