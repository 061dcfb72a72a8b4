using System.Diagnostics;
using System.Text;
using System.Text.Json.Nodes;
using InfoRisk.Model.Configuration;
using InfoRisk.Runner.Commands;
using InfoRisk.Runner.Experiments;
using InfoRisk.Runner.Explorer;
using InfoRisk.Runner.Plotting;

namespace InfoRisk.Tests.Explorer;

/// <summary>The explorer without a browser: controls from the registry, validation, jobs, cancel, concurrency, exactness.</summary>
[Collection(ExplorerCollection.Name)]
public sealed class ExplorerTests(ExplorerFixture explorer) : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("inforisk-explorer-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public async Task Every_registry_lever_gets_a_control_of_its_type_with_its_range_meaning_and_paper_passage()
    {
        var model = JsonNode.Parse(await explorer.Http.GetStringAsync("api/model"))!.AsObject();
        var levers = model["levers"]!.AsArray();
        Assert.Equal(LeverRegistry.All.Select(l => l.Name), levers.Select(l => l!["name"]!.GetValue<string>()));
        foreach (var (declared, control) in LeverRegistry.All.Zip(levers))
        {
            var kind = control!["kind"]!.GetValue<string>();
            Assert.Equal(declared.IsEnum ? "enum" : declared.IsBoolean ? "bool" : declared.IsInteger ? "integer" : "number", kind);
            Assert.Equal(declared.Meaning, control["meaning"]!.GetValue<string>());
            Assert.Equal(declared.Paper, control["paper"]!.GetValue<string>());
            Assert.False(string.IsNullOrWhiteSpace(declared.Meaning), declared.Name);
            if (declared.IsEnum) Assert.Equal(declared.AllowedValues, control["allowed"]!.AsArray().Select(v => v!.GetValue<string>()));
            if (declared.IsNumber)
            {
                Assert.Equal(declared.Min, control["min"]!.GetValue<double>());
                Assert.Equal(declared.Max, control["max"]!.GetValue<double>());
            }
        }
        // the four built-in regimes are the presets, each with every lever
        var presets = model["regimes"]!.AsArray();
        Assert.Equal(RegimeCatalog.BuiltInNames, presets.Select(p => p!["name"]!.GetValue<string>()));
        foreach (var p in presets)
        {
            var regime = RegimeCatalog.Get(p!["name"]!.GetValue<string>());
            foreach (var l in LeverRegistry.All)
            {
                var value = p["levers"]![l.Name]!;
                Assert.Equal(RegimeCatalog.LeverValue(regime, l.Name), value.GetValueKind() == System.Text.Json.JsonValueKind.String ? value.GetValue<string>() : value.ToJsonString());
            }
        }
        // headline metrics with registry names, units and both labels
        Assert.Equal(Headline.Metrics.Select(m => m.Name), model["metrics"]!.AsArray().Select(m => m!["name"]!.GetValue<string>()));
        Assert.All(model["metrics"]!.AsArray(), m => Assert.False(string.IsNullOrEmpty(m!["zh"]!.GetValue<string>())));
    }

    [Fact]
    public async Task Bad_lever_values_are_refused_with_the_messages_of_validate()
    {
        var request = ExplorerFixture.Small(levers: new JsonObject
        {
            ["deletion_delay_days"] = -5,
            ["consent_general"] = "maybe",
            ["punitive_multiplyer"] = 3,
            ["output_filter"] = "strong",
        });
        var (status, body) = await explorer.PostAsync("api/validate", request);
        Assert.Equal(200, status);
        Assert.False(body["ok"]!.GetValue<bool>());
        var shown = body["problems"]!.AsArray().Select(p => p!.GetValue<string>()).ToList();

        // inforisk validate on the same document, saved as a file
        var path = Path.Combine(_dir, ExplorerRequest.FileName);
        File.WriteAllText(path, body["document"]!.GetValue<string>());
        var output = new StringWriter();
        var error = new StringWriter();
        Assert.Equal(ExitCodes.BadInput, await InfoCommands.ValidateAsync(path, output, error));
        var validate = error.ToString().Split('\n').Where(l => l.StartsWith("error: ", StringComparison.Ordinal)).Select(l => l.Replace(path, ExplorerRequest.FileName, StringComparison.Ordinal)).ToList();
        Assert.Equal(validate, shown);
        Assert.Equal(4, shown.Count);
        Assert.Contains(shown, s => s.Contains("deletion_delay_days: -5 is out of range; allowed: 0 to 3650", StringComparison.Ordinal));
        Assert.Contains(shown, s => s.Contains("did you mean 'punitive_multiplier'", StringComparison.Ordinal));

        // Run refuses the same values, with the same messages, and starts nothing
        var jobs = explorer.Server.AllJobs.Count;
        var (runStatus, runBody) = await explorer.PostAsync("api/jobs", request);
        Assert.Equal(400, runStatus);
        Assert.Equal(shown, runBody["problems"]!.AsArray().Select(p => p!.GetValue<string>()));
        Assert.Equal(jobs, explorer.Server.AllJobs.Count);
    }

    [Fact]
    public async Task The_numbers_shown_are_those_of_a_CLI_run_of_the_saved_experiment_file()
    {
        var id = await explorer.StartAsync(ExplorerFixture.Small(levers: new JsonObject { ["deletion_delay_days"] = 7 }));
        var events = await explorer.EventsAsync(id);
        Assert.Equal("done", events[^1].Event);
        var result = events.Single(e => e.Event == "result").Data;
        var file = Path.Combine(_dir, "saved.json");
        await File.WriteAllBytesAsync(file, await explorer.Http.GetByteArrayAsync($"api/jobs/{id}/experiment.json"));
        var summary = await RunCliAsync(file, Path.Combine(_dir, "cli"));
        AssertSameNumbers(result, summary);
    }

    [Fact]
    public async Task Cancel_stops_a_run()
    {
        // the interactive size: long enough to be cancelled in the middle
        var request = ExplorerFixture.Small();
        request["subjects"] = 20_000;
        request["ticks"] = 365;
        var id = await explorer.StartAsync(request);
        var clock = Stopwatch.StartNew();
        await explorer.EventsAsync(id, stop: e => e.Event == "progress" && e.Data["tick"]!.GetValue<int>() > 0);
        var (status, _) = await explorer.PostAsync($"api/jobs/{id}/cancel", []);
        Assert.Equal(200, status);
        var events = await explorer.EventsAsync(id);
        Assert.Equal("cancelled", events[^1].Event);
        Assert.DoesNotContain(events, e => e.Event == "result");
        var job = explorer.Server.AllJobs.Single(j => j.Id == id);
        Assert.Equal(JobState.Cancelled, job.State);
        Assert.Null(job.Result);
        Assert.True(clock.Elapsed < TimeSpan.FromMinutes(2), $"cancel took {clock.Elapsed}");
    }

    [Fact]
    public async Task Two_jobs_at_once_do_not_interfere_and_a_closed_tab_loses_nothing()
    {
        var a = ExplorerFixture.Small(levers: new JsonObject { ["punitive_multiplier"] = 5 });
        var b = ExplorerFixture.Small("protection-first", new JsonObject { ["deletion_delay_days"] = 60 });
        var ids = await Task.WhenAll(explorer.StartAsync(a), explorer.StartAsync(b));
        // a tab that closes after the first events and comes back: it is sent the rest, with no gap
        var first = await explorer.EventsAsync(ids[0], stop: e => e.Id == 1);
        var rest = await explorer.EventsAsync(ids[0], from: 2);
        var together = first.Concat(rest).ToList();
        Assert.Equal(Enumerable.Range(0, together.Count), together.Select(e => e.Id));
        Assert.Equal("done", together[^1].Event);
        var eventsB = await explorer.EventsAsync(ids[1]);
        Assert.Equal("done", eventsB[^1].Event);
        var resultA = together.Single(e => e.Event == "result").Data;
        var resultB = eventsB.Single(e => e.Event == "result").Data;
        Assert.Equal("use-first-edited", resultA["regime"]!.GetValue<string>());
        Assert.Equal("protection-first-edited", resultB["regime"]!.GetValue<string>());
        Assert.NotEqual(Row(resultA, "harm_total_yuan")["regime"]!.ToJsonString(), Row(resultB, "harm_total_yuan")["regime"]!.ToJsonString());

        // the same request alone gives the same numbers (seeds, not timing, decide the result)
        var alone = await explorer.EventsAsync(await explorer.StartAsync(a));
        Assert.Equal(resultA["rows"]!.ToJsonString(), alone.Single(e => e.Event == "result").Data["rows"]!.ToJsonString());
        // the two jobs keep their own experiment files
        var fileA = Encoding.UTF8.GetString(await explorer.Http.GetByteArrayAsync($"api/jobs/{ids[0]}/experiment.json"));
        var fileB = Encoding.UTF8.GetString(await explorer.Http.GetByteArrayAsync($"api/jobs/{ids[1]}/experiment.json"));
        Assert.Contains("\"punitive_multiplier\": 5", fileA, StringComparison.Ordinal);
        Assert.Contains("\"deletion_delay_days\": 60", fileB, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Requests_for_other_host_names_and_posts_from_other_sites_are_refused()
    {
        using var rebinding = new HttpRequestMessage(HttpMethod.Get, "api/model");
        rebinding.Headers.Host = "attacker.example";
        using var refused = await explorer.Http.SendAsync(rebinding);
        Assert.Equal(System.Net.HttpStatusCode.Forbidden, refused.StatusCode);
        using var post = new HttpRequestMessage(HttpMethod.Post, "api/jobs") { Content = new StringContent(ExplorerFixture.Small().ToJsonString(), Encoding.UTF8, "application/json") };
        post.Headers.Add("Origin", "http://attacker.example");
        using var refusedPost = await explorer.Http.SendAsync(post);
        Assert.Equal(System.Net.HttpStatusCode.Forbidden, refusedPost.StatusCode);
        Assert.StartsWith("127.0.0.1", explorer.Server.Url.Authority, StringComparison.Ordinal);
    }

    [Fact]
    public void The_document_is_validated_by_the_experiment_loader_in_memory_and_names_itself()
    {
        var document = ExplorerRequest.Document(ExplorerFixture.Small());
        var experiment = ExplorerRequest.Validate(document);
        Assert.Equal(ExplorerRequest.FileName, experiment.FilePath);
        Assert.Equal(["dynamic-balance", "use-first"], experiment.Regimes.Select(r => r.Name));
        Assert.Equal(Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(document)), experiment.FileSha256);
        var bad = Assert.Throws<ExperimentException>(() => ExplorerRequest.Validate(ExplorerRequest.Document(new JsonObject { ["subjects"] = "many" })));
        Assert.All(bad.Problems, p => Assert.Equal(ExplorerRequest.FileName, p.File));
    }

    private static readonly string[] SummaryColumns = ["mean", "ci95_low", "ci95_high", "diff_mean", "diff_ci95_low", "diff_ci95_high"];

    [Fact]
    public async Task Bad_command_lines_are_refused_with_exit_code_2()
    {
        Assert.Equal(ExitCodes.BadInput, await InfoRisk.Runner.Cli.RunAsync(["explore", "--port", "70000"], new StringWriter()));
        var error = new StringWriter();
        Assert.Equal(ExitCodes.BadInput, await InfoRisk.Runner.Cli.RunAsync(["report", _dir, "--lang", "fr"], error));
        Assert.Contains("fr", error.ToString(), StringComparison.Ordinal);
    }

    internal static JsonNode Row(JsonNode result, string metric) => result["rows"]!.AsArray().Single(r => r!["metric"]!.GetValue<string>() == metric)!;

    /// <summary>Runs the file as 'inforisk run' does (the same code path, in this process) and returns its summary.csv rows by (regime, metric).</summary>
    internal static async Task<Dictionary<(string Regime, string Metric), string[]>> RunCliAsync(string file, string outDir)
    {
        var error = new StringWriter();
        var code = await RunCommand.ExecuteAsync(new RunOptions { ExperimentPath = file, OutDirectory = outDir, Quiet = true, NoPlots = true }, new StringWriter(), error, CancellationToken.None);
        Assert.True(code == 0, error.ToString());
        using var csv = CsvTable.Open(Path.Combine(outDir, "summary.csv"));
        var rows = new Dictionary<(string, string), string[]>();
        while (csv.Read())
        {
            rows[(csv[csv.IndexOf("regime")], csv[csv.IndexOf("metric")])] = [.. SummaryColumns.Select(c => csv[csv.IndexOf(c)])];
        }
        return rows;
    }

    /// <summary>Every headline number of the explorer's table equals summary.csv's text for it, exactly.</summary>
    internal static void AssertSameNumbers(JsonNode result, Dictionary<(string Regime, string Metric), string[]> summary)
    {
        var baseline = result["baseline"]!.GetValue<string>();
        var regime = result["regime"]!.GetValue<string>();
        Assert.Equal(Headline.Metrics.Count, result["rows"]!.AsArray().Count);
        foreach (var row in result["rows"]!.AsArray())
        {
            var metric = row!["metric"]!.GetValue<string>();
            string[] Text(string part) => [.. row[part]!["text"]!.AsArray().Select(v => v!.GetValue<string>())];
            Assert.Equal(summary[(baseline, metric)][..3], Text("baseline"));
            Assert.Equal(summary[(regime, metric)][..3], Text("regime"));
            Assert.Equal(summary[(regime, metric)][3..], Text("difference"));
        }
    }
}
