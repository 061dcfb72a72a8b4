using System.Reflection;

namespace InfoRisk.Tests.Mechanisms;

/// <summary>
/// The test tree mirrors the mechanisms: every file src/Grains/InfoRisk.Model/Mechanisms/&lt;Name&gt;.cs (or &lt;Name&gt;.&lt;Part&gt;.cs) has a test file
/// tests/InfoRisk.Tests/Mechanisms/&lt;Name&gt;Tests.cs whose class &lt;Name&gt;Tests has at least one test.
/// </summary>
public class EveryMechanismHasTestsTest
{
    private static bool IsTest(MethodInfo m) =>
        m.GetCustomAttributes().Any(a => a is FactAttribute); // TheoryAttribute derives from FactAttribute

    [Fact]
    public void EveryMechanismFile_HasATestFileWithAtLeastOneTest()
    {
        var root = Repo.Root;
        var mechanisms = Directory.GetFiles(Path.Combine(root, "src", "Grains", "InfoRisk.Model", "Mechanisms"), "*.cs")
            .Select(Path.GetFileNameWithoutExtension).OfType<string>()
            .Select(n => n.Split('.')[0]) // a mechanism may span partial files (Rights.cs, Rights.Skipping.cs): one room, one test file
            .Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToArray();
        Assert.True(mechanisms.Length >= 25, $"only {mechanisms.Length} mechanism files found under {root}");
        var testDir = Path.Combine(root, "tests", "InfoRisk.Tests", "Mechanisms");
        var missing = new List<string>();
        foreach (var name in mechanisms)
        {
            var file = Path.Combine(testDir, name + "Tests.cs");
            if (!File.Exists(file))
            {
                missing.Add($"{name}: no {Path.GetRelativePath(root, file)}");
                continue;
            }
            var type = typeof(EveryMechanismHasTestsTest).Assembly.GetType($"InfoRisk.Tests.Mechanisms.{name}Tests");
            if (type is null) missing.Add($"{name}: {name}Tests.cs declares no class InfoRisk.Tests.Mechanisms.{name}Tests");
            else if (!type.GetMethods(BindingFlags.Public | BindingFlags.Instance | BindingFlags.Static).Any(IsTest)) missing.Add($"{name}: {name}Tests has no [Fact] or [Theory]");
            else if (!File.ReadAllText(file).Contains($"class {name}Tests", StringComparison.Ordinal)) missing.Add($"{name}: class {name}Tests is not in {name}Tests.cs");
        }
        Assert.True(missing.Count == 0, "mechanisms without tests:\n" + string.Join("\n", missing));
    }
}
