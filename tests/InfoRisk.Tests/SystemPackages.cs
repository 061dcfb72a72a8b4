using InfoRisk.Runner.Plotting;

namespace InfoRisk.Tests;

/// <summary>
/// An optional system package that some tests use: how to find it, and how to install it.
/// </summary>
/// <param name="Name">What it is, as a person would name it.</param>
/// <param name="DebianPackage">The Debian/Ubuntu package that provides it.</param>
/// <param name="UsedFor">Which tests need it and why.</param>
/// <param name="Locate">Where it is installed (a file), or null when it is not.</param>
public sealed record SystemPackage(string Name, string DebianPackage, string UsedFor, Func<string?> Locate)
{
    /// <summary>The exact command that installs it (as root; prefix sudo otherwise).</summary>
    public string InstallCommand => $"apt-get install -y {DebianPackage}";
}

/// <summary>
/// The optional system packages of the test suite, with one probe each. A test that needs one calls
/// <see cref="Require"/>: when the package is missing the test is skipped at run time with the reason and the install
/// command, or fails when <see cref="RequireVariable"/>=1 (CI installs every package and sets it, so it cannot
/// silently lose that coverage). <see cref="HideVariable"/>=1 makes every probe report "missing" even when the package
/// is installed: the bare-machine pass of .ci/run, which shows that the suite passes with only the .NET SDK.
/// </summary>
public static class SystemPackages
{
    /// <summary>Set to 1: a missing optional package fails the test instead of skipping it.</summary>
    public const string RequireVariable = "INFORISK_REQUIRE_SYSTEM_PACKAGES";

    /// <summary>Set to 1: every probe reports its package as missing (the bare-machine pass).</summary>
    public const string HideVariable = "INFORISK_HIDE_SYSTEM_PACKAGES";

    public static readonly SystemPackage RedisServer = new(
        "redis-server", "redis-server",
        "the cluster tests also run against Debian's Redis (they always run against the in-process Garnet server)",
        () => FindProgram("redis-server"));

    public static readonly SystemPackage CjkFont = new(
        "a CJK font", "fonts-wqy-microhei",
        "the Chinese (--lang zh) charts are drawn and checked with a real CJK font",
        () => FontCoverage.FindCjkFont());

    public static readonly SystemPackage Chromium = new(
        "Chromium", "chromium",
        "browser tests (headless Chromium at /usr/bin/chromium)",
        () => File.Exists("/usr/bin/chromium") ? "/usr/bin/chromium" : null);

    public static IReadOnlyList<SystemPackage> All { get; } = [RedisServer, CjkFont, Chromium];

    static SystemPackages()
    {
        // hidden: the program under test must not find the installed fonts either (FontCoverage.FindCjkFont)
        if (IsSet(HideVariable, Environment.GetEnvironmentVariable)) FontCoverage.HideSystemFonts = true;
    }

    /// <summary>True when the hide variable is set: the probes report every package missing.</summary>
    public static bool Hidden => IsSet(HideVariable, Environment.GetEnvironmentVariable);

    /// <summary>True when the require variable is set: a missing package fails the test.</summary>
    public static bool Required => IsSet(RequireVariable, Environment.GetEnvironmentVariable);

    /// <summary>Where the package is, or null when it is missing (or hidden).</summary>
    public static string? Find(SystemPackage package) => Find(package, Environment.GetEnvironmentVariable);

    internal static string? Find(SystemPackage package, Func<string, string?> environment) =>
        IsSet(HideVariable, environment) ? null : package.Locate();

    /// <summary>
    /// The package's location. When it is missing: skips the calling test (a <c>[SkippableFact]</c> or
    /// <c>[SkippableTheory]</c>) with the reason and the install command, or fails it under <see cref="RequireVariable"/>=1.
    /// </summary>
    public static string Require(SystemPackage package) => Require(package, Environment.GetEnvironmentVariable);

    internal static string Require(SystemPackage package, Func<string, string?> environment)
    {
        if (Find(package, environment) is { } found) return found;
        var reason = MissingMessage(package, environment);
        if (IsSet(RequireVariable, environment)) throw new SystemPackageMissingException($"{reason}; {RequireVariable}=1 makes this a failure");
        throw new SkipException(reason);
    }

    /// <summary>Why a test does not run: what is missing, what it is for, and the install command.</summary>
    internal static string MissingMessage(SystemPackage package, Func<string, string?> environment) =>
        IsSet(HideVariable, environment)
            ? $"{package.Name} is hidden by {HideVariable}=1 ({package.UsedFor}); without that variable it is used when installed ({package.InstallCommand})"
            : $"{package.Name} is not installed ({package.UsedFor}); install it with: {package.InstallCommand}";

    private static bool IsSet(string variable, Func<string, string?> environment) => environment(variable) is "1" or "true";

    private static string? FindProgram(string name)
    {
        var path = Environment.GetEnvironmentVariable("PATH") ?? "";
        foreach (var dir in path.Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries).Append("/usr/bin").Append("/usr/sbin"))
        {
            var candidate = Path.Combine(dir, name);
            if (File.Exists(candidate)) return candidate;
        }
        return null;
    }
}

/// <summary>A required optional package is missing (under <see cref="SystemPackages.RequireVariable"/>=1).</summary>
public sealed class SystemPackageMissingException(string message) : Exception(message);
