namespace InfoRisk.Tests;

/// <summary>The optional-package helper: hidden packages are missing, and a missing one skips, or fails when required, with its install command.</summary>
public sealed class SystemPackagesTests
{
    private static readonly SystemPackage Present = new("a tool", "tool-pkg", "testing the helper", () => "/usr/bin/tool");
    private static readonly SystemPackage Absent = new("a tool", "tool-pkg", "testing the helper", () => null);

    private static Func<string, string?> Environment(params (string Name, string Value)[] variables) =>
        name => variables.FirstOrDefault(v => v.Name == name).Value;

    [Fact]
    public void An_installed_package_is_found_unless_hidden()
    {
        Assert.Equal("/usr/bin/tool", SystemPackages.Find(Present, Environment()));
        Assert.Equal("/usr/bin/tool", SystemPackages.Require(Present, Environment((SystemPackages.RequireVariable, "1"))));
        Assert.Null(SystemPackages.Find(Present, Environment((SystemPackages.HideVariable, "1"))));
    }

    [Fact]
    public void A_missing_package_skips_with_the_reason_and_the_install_command()
    {
        var skip = Assert.Throws<SkipException>(() => SystemPackages.Require(Absent, Environment()));
        Assert.Contains("a tool is not installed (testing the helper)", skip.Message, StringComparison.Ordinal);
        Assert.Contains("apt-get install -y tool-pkg", skip.Message, StringComparison.Ordinal);

        var hidden = Assert.Throws<SkipException>(() => SystemPackages.Require(Present, Environment((SystemPackages.HideVariable, "1"))));
        Assert.Contains(SystemPackages.HideVariable, hidden.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_missing_package_fails_when_required()
    {
        var failure = Assert.Throws<SystemPackageMissingException>(() => SystemPackages.Require(Absent, Environment((SystemPackages.RequireVariable, "1"))));
        Assert.Contains("apt-get install -y tool-pkg", failure.Message, StringComparison.Ordinal);
        Assert.Contains(SystemPackages.RequireVariable, failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Every_optional_package_has_a_debian_package_and_chromium_is_probed_where_debian_installs_it()
    {
        Assert.Equal(["redis-server", "fonts-wqy-microhei", "chromium"], SystemPackages.All.Select(p => p.DebianPackage));
        Assert.All(SystemPackages.All, p => Assert.StartsWith("apt-get install -y ", p.InstallCommand, StringComparison.Ordinal));
        Assert.Equal(File.Exists("/usr/bin/chromium") ? "/usr/bin/chromium" : null, SystemPackages.Chromium.Locate());
    }
}
