using Microsoft.Playwright;

namespace InfoRisk.Tests.Browser;

/// <summary>
/// Headless Chromium from Debian's <c>chromium</c> package (<see cref="SystemPackages.Chromium"/>), driven by Playwright
/// for .NET: Playwright's own browser download is not used. Without the package the calling test is skipped with the
/// install command, or fails under INFORISK_REQUIRE_SYSTEM_PACKAGES=1. Each launch has a fresh profile folder, removed
/// on dispose, and the flags that keep Chromium off the network and out of the sandbox (tests run as root).
/// </summary>
internal sealed class Chromium : IAsyncDisposable
{
    private static readonly string[] Flags =
    [
        "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync",
    ];

    private readonly IPlaywright _playwright;
    private readonly DirectoryInfo _profile;

    private Chromium(IPlaywright playwright, IBrowserContext context, DirectoryInfo profile)
    {
        _playwright = playwright;
        Context = context;
        _profile = profile;
    }

    public IBrowserContext Context { get; }

    /// <summary>When set, the browser tests save their screenshots (explorer.png, report.png) into this folder (docs/images).</summary>
    public const string ScreenshotVariable = "INFORISK_SCREENSHOTS";

    public static string? ScreenshotFolder => Environment.GetEnvironmentVariable(ScreenshotVariable) is { Length: > 0 } dir ? dir : null;

    public static async Task<Chromium> LaunchAsync()
    {
        var executable = SystemPackages.Require(SystemPackages.Chromium);
        var playwright = await Playwright.CreateAsync();
        var profile = Directory.CreateTempSubdirectory("inforisk-chromium-");
        try
        {
            var context = await playwright.Chromium.LaunchPersistentContextAsync(profile.FullName, new BrowserTypeLaunchPersistentContextOptions
            {
                ExecutablePath = executable,
                Headless = true,
                ChromiumSandbox = false,
                Args = Flags,
                AcceptDownloads = true,
                ViewportSize = new ViewportSize { Width = 1440, Height = 1000 },
                Timeout = 60_000,
            });
            return new Chromium(playwright, context, profile);
        }
        catch
        {
            playwright.Dispose();
            profile.Delete(recursive: true);
            throw;
        }
    }

    public async ValueTask DisposeAsync()
    {
        await Context.CloseAsync();
        _playwright.Dispose();
        try
        {
            _profile.Delete(recursive: true);
        }
        catch (IOException)
        {
            // Chromium may still be writing its profile while it exits
        }
    }
}
