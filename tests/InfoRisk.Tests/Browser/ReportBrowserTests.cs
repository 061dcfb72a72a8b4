using InfoRisk.Runner.Report;
using InfoRisk.Tests.Explorer;
using Microsoft.Playwright;

namespace InfoRisk.Tests.Browser;

/// <summary>A generated report opened from disk with the network blocked: every chart renders, the tables are there, regimes toggle.</summary>
[Collection(ReportCollection.Name)]
public sealed class ReportBrowserTests(ReportFixture fixture) : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("inforisk-report-browser-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [SkippableFact]
    public async Task A_report_opened_from_disk_without_network_renders_every_chart()
    {
        await using var chromium = await Chromium.LaunchAsync();
        var results = fixture.Results;
        var file = Path.Combine(_dir, "report.html");
        var error = new StringWriter();
        Assert.True(await ReportCommand.ExecuteAsync(results, "en", file, new StringWriter(), error) == 0, error.ToString());

        // the network is blocked: anything that is not a file: URL is aborted, and counted
        var blocked = new List<string>();
        await chromium.Context.RouteAsync("**/*", async route =>
        {
            if (route.Request.Url.StartsWith("file:", StringComparison.Ordinal) || route.Request.Url.StartsWith("data:", StringComparison.Ordinal))
            {
                await route.ContinueAsync();
                return;
            }
            blocked.Add(route.Request.Url);
            await route.AbortAsync();
        });
        var page = await chromium.Context.NewPageAsync();
        var failures = new List<string>();
        page.RequestFailed += (_, r) => failures.Add(r.Url);
        page.PageError += (_, e) => failures.Add(e);
        await page.GotoAsync(new Uri(file).AbsoluteUri);
        await page.WaitForSelectorAsync("body[data-ready=true]");

        // every chart of the folder is an image with a size, decoded by the browser
        var images = page.Locator("#charts figure.paper-chart img");
        Assert.True(await images.CountAsync() >= 7);
        foreach (var img in await images.AllAsync())
        {
            await img.ScrollIntoViewIfNeededAsync();
            var size = await img.EvaluateAsync<int[]>("i => i.decode().then(() => [i.naturalWidth, i.naturalHeight, i.getBoundingClientRect().width])");
            Assert.True(size[0] > 100 && size[1] > 100 && size[2] > 100, $"{await img.GetAttributeAsync("alt")}: {string.Join("x", size)}");
        }
        // the interactive time courses: non-empty SVG with a line per regime
        var charts = page.Locator("#timecourse-charts svg.chart");
        Assert.True(await charts.CountAsync() >= 6);
        foreach (var chart in await charts.AllAsync())
        {
            Assert.True((await chart.BoundingBoxAsync())!.Width > 100);
            Assert.Equal(4, await chart.Locator("polyline.series-line").CountAsync());
        }
        // the summary table with the paired differences
        Assert.True(await page.Locator("#summary table.summary-table tbody tr").CountAsync() >= 7);
        Assert.True(await page.Locator("#summary table.summary-table .diff").CountAsync() > 0);

        // toggling a regime hides it in the charts and the tables
        await page.Locator("input[data-toggle-regime='use-first']").UncheckAsync();
        Assert.Equal(3, await charts.First.Locator("polyline.series-line").CountAsync());
        Assert.False(await page.Locator("#summary table.summary-table th[data-regime='use-first']").IsVisibleAsync());
        await page.Locator("input[data-toggle-regime='use-first']").CheckAsync();

        Assert.Empty(blocked);
        Assert.Empty(failures);
        if (Chromium.ScreenshotFolder is { } folder)
        {
            await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(folder, "report.png"), FullPage = false });
        }
    }
}
