using System.Text.Json.Nodes;
using InfoRisk.Model.Configuration;
using InfoRisk.Runner.Explorer;
using InfoRisk.Tests.Explorer;
using Microsoft.Playwright;

namespace InfoRisk.Tests.Browser;

/// <summary>The explorer in a real browser: pick use-first, change one lever, run, read the charts and the table, and check them against a CLI run of the saved file.</summary>
[Collection(ExplorerCollection.Name)]
public sealed class ExplorerBrowserTests(ExplorerFixture explorer) : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("inforisk-explorer-browser-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [SkippableFact]
    public async Task Use_first_with_one_lever_changed_shows_the_numbers_of_a_CLI_run_of_the_saved_file()
    {
        await using var chromium = await Chromium.LaunchAsync();
        // for the docs' screenshot, the program itself ('inforisk explore', with its runtime settings), else the shared in-process explorer
        using var program = Chromium.ScreenshotFolder is null ? null : await ExplorerProgram.StartAsync();
        var page = await chromium.Context.NewPageAsync();
        page.SetDefaultTimeout(300_000);
        await page.GotoAsync((program?.Url ?? explorer.Server.Url).ToString());
        await page.WaitForSelectorAsync("body[data-ready=true]");

        // every lever of the registry has a control, labelled and described
        Assert.Equal(LeverRegistry.All.Count, await page.Locator("#lever-list .lever").CountAsync());
        foreach (var l in LeverRegistry.All)
        {
            var control = page.Locator($"#lever-{l.Name}");
            Assert.Equal(l.IsEnum ? "select" : "input", await control.EvaluateAsync<string>("e => e.tagName.toLowerCase()"));
            Assert.Contains($"help-{l.Name}", await control.GetAttributeAsync("aria-describedby") ?? "", StringComparison.Ordinal);
            Assert.Equal(l.Meaning, await page.Locator($"#help-{l.Name} p").First.TextContentAsync());
        }

        // pick use-first and a small size
        await page.SelectOptionAsync("#preset", "use-first");
        await page.FillAsync("#subjects", "2000");
        await page.FillAsync("#ticks", "60");
        await page.FillAsync("#replicates", "2");
        await page.FillAsync("#seed", "11");
        var interactive = Chromium.ScreenshotFolder is not null;
        if (interactive)
        {
            // the screenshot for docs/images at the interactive size
            await page.FillAsync("#subjects", "20000");
            await page.FillAsync("#ticks", "365");
            await page.FillAsync("#replicates", "3");
        }

        // a bad value is refused with the validator's message, next to the field
        await page.FillAsync("#lever-deletion_delay_days", "-5");
        await page.WaitForSelectorAsync("#problems li");
        Assert.Contains("$.regimes[1].levers.deletion_delay_days: -5 is out of range; allowed: 0 to 3650", await page.Locator("#problems").TextContentAsync(), StringComparison.Ordinal);
        Assert.Equal("true", await page.Locator("#lever-deletion_delay_days").GetAttributeAsync("aria-invalid"));

        // one lever changed: deletion served in 7 days instead of use-first's
        await page.FillAsync("#lever-deletion_delay_days", "7");
        await page.WaitForSelectorAsync("#problems li", new() { State = WaitForSelectorState.Detached });
        Assert.Contains("changed", await page.Locator("#row-deletion_delay_days").GetAttributeAsync("class") ?? "", StringComparison.Ordinal);

        await page.ClickAsync("#run");
        await page.WaitForSelectorAsync("#headline tbody tr[data-metric]");
        await page.WaitForFunctionAsync("() => document.querySelector('#progress').value === 1");
        var ticks = interactive ? 365 : 60;
        // the page redraws at most every 0.75 s while a run goes on, and once more when the job is done: wait for the
        // run to finish (the Run button comes back) and for that last drawing before counting what is drawn
        await page.WaitForFunctionAsync("() => !document.querySelector('#run').disabled");
        // (every line of both grids at full length; on a loaded machine the last drawing can come a few seconds late)
        await page.WaitForFunctionAsync($"() => {{ const ls = [...document.querySelectorAll('#level-charts svg.chart polyline.series-line, #difference-charts svg.chart polyline.series-line')]; return ls.length === {Headline.Metrics.Count * 3} && ls.every(l => l.getAttribute('data-points') === '{ticks}'); }}", null, new() { Timeout = 60_000 });
        // the charts: one per headline metric for the levels (both regimes) and for the paired difference, every tick drawn
        foreach (var grid in new[] { "#level-charts", "#difference-charts" })
        {
            var lines = page.Locator($"{grid} svg.chart polyline.series-line");
            Assert.Equal(Headline.Metrics.Count * (grid == "#level-charts" ? 2 : 1), await lines.CountAsync());
            foreach (var line in await lines.AllAsync()) Assert.Equal(ticks.ToString(System.Globalization.CultureInfo.InvariantCulture), await line.GetAttributeAsync("data-points"));
        }
        var colors = await page.Locator("#level-charts svg.chart").First.Locator("polyline.series-line").EvaluateAllAsync<string[]>("ls => ls.map(l => l.getAttribute('stroke'))");
        Assert.Equal(["#009E73", "#E69F00"], colors); // dynamic-balance's bluish green, then the first spare Okabe-Ito colour

        // the table shown, against 'inforisk run' of the downloaded file
        var download = await page.RunAndWaitForDownloadAsync(() => page.ClickAsync("#save"));
        Assert.Equal(ExplorerRequest.FileName, download.SuggestedFilename);
        var file = Path.Combine(_dir, download.SuggestedFilename);
        await download.SaveAsAsync(file);
        Assert.Contains("\"deletion_delay_days\": 7", await File.ReadAllTextAsync(file), StringComparison.Ordinal);
        var shown = new JsonObject
        {
            ["baseline"] = "dynamic-balance",
            ["regime"] = "use-first-edited",
            ["rows"] = new JsonArray([.. (await page.Locator("#headline tbody tr").AllAsync()).Select(row => (JsonNode)Row(row).GetAwaiter().GetResult())]),
        };
        var summary = await ExplorerTests.RunCliAsync(file, Path.Combine(_dir, "cli"));
        ExplorerTests.AssertSameNumbers(shown, summary);
        // and the visible text is that number, rounded
        var harm = page.Locator("#headline tr[data-metric=harm_total_yuan] td.regime");
        var exact = double.Parse(summary[("use-first-edited", "harm_total_yuan")][0], System.Globalization.CultureInfo.InvariantCulture);
        Assert.Equal(Math.Floor(exact + 0.5).ToString("#,0", System.Globalization.CultureInfo.InvariantCulture), await harm.Locator(".value").TextContentAsync());

        // hover gives values; the legend hides a regime
        var chart = page.Locator("#level-charts svg.chart").First;
        await chart.HoverAsync();
        Assert.False(await page.Locator("#level-charts .chart-tip").First.IsHiddenAsync());
        await page.ClickAsync("#legend button[data-series='dynamic-balance']");
        Assert.Equal(1, await page.Locator("#level-charts svg.chart").First.Locator("polyline.series-line").CountAsync());
        await page.ClickAsync("#legend button[data-series='dynamic-balance']");
        await page.Mouse.MoveAsync(0, 0);

        if (Chromium.ScreenshotFolder is { } folder)
        {
            await page.Locator("#only-differs").CheckAsync();
            await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(folder, "explorer.png"), FullPage = true });
            await File.WriteAllTextAsync(Path.Combine(folder, "explorer-timing.txt"), await page.Locator("#progress-text").TextContentAsync());
        }
    }

    private static async Task<JsonNode> Row(ILocator row)
    {
        async Task<JsonNode> Cell(string part)
        {
            var cell = row.Locator($"td.{part}");
            return new JsonObject { ["text"] = new JsonArray(await cell.GetAttributeAsync("data-mean"), await cell.GetAttributeAsync("data-low"), await cell.GetAttributeAsync("data-high")) };
        }
        return new JsonObject
        {
            ["metric"] = await row.GetAttributeAsync("data-metric"),
            ["baseline"] = await Cell("baseline"),
            ["regime"] = await Cell("regime"),
            ["difference"] = await Cell("difference"),
        };
    }
}

/// <summary>'inforisk explore --port 0' as a child process of the test (the screenshot run): its address is read from its first line.</summary>
internal sealed class ExplorerProgram : IDisposable
{
    private readonly System.Diagnostics.Process _process;

    private ExplorerProgram(System.Diagnostics.Process process, Uri url)
    {
        _process = process;
        Url = url;
    }

    public Uri Url { get; }

    public static async Task<ExplorerProgram> StartAsync()
    {
        var info = new System.Diagnostics.ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var a in new[] { Repo.RunnerDll(), "explore", "--port", "0" }) info.ArgumentList.Add(a);
        var process = System.Diagnostics.Process.Start(info)!;
        process.ErrorDataReceived += (_, _) => { };
        process.BeginErrorReadLine();
        while (await process.StandardOutput.ReadLineAsync() is { } line)
        {
            if (!line.StartsWith("explorer: ", StringComparison.Ordinal)) continue;
            _ = process.StandardOutput.ReadToEndAsync();
            await Task.Delay(TimeSpan.FromSeconds(10)); // the program's warm-up run
            return new ExplorerProgram(process, new Uri(line.Split(' ')[1]));
        }
        throw new InvalidOperationException("inforisk explore printed no address");
    }

    public void Dispose()
    {
        _process.Kill(entireProcessTree: true);
        _process.WaitForExit();
        _process.Dispose();
    }
}
