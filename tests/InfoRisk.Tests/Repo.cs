namespace InfoRisk.Tests;

/// <summary>The repository checkout the tests run from (the folder holding Simulation.sln), and the programs built in it.</summary>
internal static class Repo
{
    public static string Root { get; } = Find();

    /// <summary>The build configuration of the running tests (Release or Debug): the programs they start are taken from the same.</summary>
    public static string Configuration { get; } =
        AppContext.BaseDirectory.Contains($"{Path.DirectorySeparatorChar}Debug{Path.DirectorySeparatorChar}", StringComparison.Ordinal) ? "Debug" : "Release";

    /// <summary>A path below the repository root.</summary>
    public static string PathOf(params string[] parts) => Path.Combine([Root, .. parts]);

    /// <summary>The runner built alongside the tests (src/Runner/bin/&lt;configuration&gt;/net10.0/inforisk.dll).</summary>
    public static string RunnerDll()
    {
        var dll = PathOf("src", "Runner", "bin", Configuration, "net10.0", "inforisk.dll");
        Assert.True(File.Exists(dll), $"{dll} not found: build src/Runner -c {Configuration}");
        return dll;
    }

    private static string Find()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Simulation.sln"))) return dir.FullName;
        }
        throw new InvalidOperationException("Simulation.sln not found above " + AppContext.BaseDirectory);
    }
}
