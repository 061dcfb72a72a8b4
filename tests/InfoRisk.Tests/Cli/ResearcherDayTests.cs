using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;
using InfoRisk.Model.Configuration;
using InfoRisk.Runner.Commands;
using InfoRisk.Runner.Execution;

namespace InfoRisk.Tests.Cli;

/// <summary>
/// A researcher's day (issue 7): misspelt names, populations too large for the memory, progress output in files and
/// pipes, --quiet for scripts, and the live dashboard.
/// </summary>
public sealed partial class ResearcherDayTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("inforisk-day-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private string Experiment(string name, string population = "\"subjects\": 1500, \"users\": 450, \"providers\": 2, \"deployers\": 5",
        string regimes = "\"use-first\", \"precautionary\"", int ticks = 40, int replicates = 2)
    {
        var path = Path.Combine(_dir, name + ".json");
        File.WriteAllText(path, $$"""
            {
              "name": "{{name}}",
              "ticks": {{ticks}},
              "replicates": {{replicates}},
              "seed": 11,
              "population": { {{population}} },
              "regimes": [{{regimes}}],
              "outputs": { "plots": false }
            }
            """);
        return path;
    }

    private static async Task<(int Code, string Out, string Err)> RunAsync(RunOptions options, CancellationToken cancel = default)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var code = await RunCommand.ExecuteAsync(options, output, error, cancel);
        return (code, output.ToString(), error.ToString());
    }

    private RunOptions Options(string experiment, string outName, bool quiet = false) => new()
    {
        ExperimentPath = experiment,
        OutDirectory = Path.Combine(_dir, outName),
        Quiet = quiet,
        NoPlots = true,
    };

    [Fact]
    public async Task AMisspeltRegimeGetsDidYouMeanWithFileLineAndColumn()
    {
        var path = Experiment("typo", regimes: "\"use-first\", \"precautionry\"");
        var (code, output, err) = await RunAsync(Options(path, "out"));
        Assert.Equal(ExitCodes.BadInput, code);
        Assert.Contains("did you mean 'precautionary'", err);
        Assert.Contains($"{path}:7:", err); // the regimes line of the file above
        Assert.Contains("$.regimes[1]", err);
        Assert.Equal("", output);
        Assert.False(Directory.Exists(Path.Combine(_dir, "out")));

        var validateOut = new StringWriter();
        var validateErr = new StringWriter();
        Assert.Equal(ExitCodes.BadInput, await InfoCommands.ValidateAsync(path, validateOut, validateErr));
        Assert.Contains("did you mean 'precautionary'", validateErr.ToString());
    }

    [Fact]
    public async Task ATrillionSubjectsAreRefusedAtOnceWithTheMemoryEstimate()
    {
        var path = Experiment("trillion", population: "\"subjects\": 1000000000000");
        var (code, output, err) = await RunAsync(Options(path, "out"));
        Assert.Equal(ExitCodes.BadInput, code);
        Assert.Contains("$.population.subjects", err);
        Assert.Contains("1,000,000,000,000 subjects", err);
        Assert.Contains("at most 2,000,000,000 per run", err);
        // the estimate by hand from the documented constants: 10^12 subjects x (per subject + 3 providers x per pair)
        // + 0.3 x 10^12 users x per user (with today's 225, 5 and 160 B: 2.88e14 B = 261.9 TiB); the run's fixed part
        // and its time series are far below the printed precision
        var bytes = 1e12 * (MemoryBudget.BytesPerSubject + 3 * MemoryBudget.BytesPerSubjectProvider) + 0.3e12 * MemoryBudget.BytesPerUser;
        Assert.Contains(string.Create(CultureInfo.InvariantCulture, $"about {bytes / Math.Pow(1024, 4):0.#} TB of memory"), err);
        Assert.Matches(MemoryAvailable(), err);
        Assert.Equal("", output);
        Assert.False(Directory.Exists(Path.Combine(_dir, "out")));
        Assert.Empty(Directory.GetDirectories(_dir, ".out.tmp-*"));
    }

    [Fact]
    public async Task APopulationThatFitsOneRunButNotTheMemoryIsRefusedBeforeAnythingStarts()
    {
        // 2e9 subjects and users, 100 runs in flight: 100 x 2e9 x (225 + 15 + 160) B = 80 TB, more than any test machine has
        var path = Experiment("too-big", population: "\"subjects\": 2000000000, \"users\": 2000000000, \"providers\": 3", replicates: 50);
        var (code, output, err) = await RunAsync(Options(path, "out") with { Concurrency = 100 });
        Assert.Equal(ExitCodes.BadInput, code);
        Assert.Contains("not enough memory", err);
        // per run by hand: 2e9 x (per subject + 3 x per pair + per user), in GiB (745.1 GB with 225, 5 and 160 B)
        var perRun = 2e9 * (MemoryBudget.BytesPerSubject + 3 * MemoryBudget.BytesPerSubjectProvider + MemoryBudget.BytesPerUser);
        Assert.Contains(string.Create(CultureInfo.InvariantCulture, $"100 run(s) in flight x {perRun / Math.Pow(1024, 3):0.#} GB"), err);
        Assert.Matches(MemoryAvailable(), err);
        Assert.Equal("", output);
        Assert.False(Directory.Exists(Path.Combine(_dir, "out")));
    }

    [Fact]
    public void TheEstimateGrowsByTheMeasuredBytesPerSubjectAndUserAndNeverWraps()
    {
        var perSubject = MemoryBudget.BytesPerSubject + MemoryBudget.BytesPerSubjectProvider * 3;
        Assert.Equal(1_000_000 * perSubject, MemoryBudget.PerRun(2_000_000, 0, 3, 365) - MemoryBudget.PerRun(1_000_000, 0, 3, 365));
        Assert.Equal(500_000 * MemoryBudget.BytesPerUser, MemoryBudget.PerRun(1_000_000, 500_000, 3, 365) - MemoryBudget.PerRun(1_000_000, 0, 3, 365));
        Assert.Equal(long.MaxValue, MemoryBudget.PerRun(long.MaxValue / 2, long.MaxValue / 2, 20, 36_500));
        var budget = MemoryBudget.Of(new Population { Subjects = 1_000_000, Users = 0, Providers = 3 }, ticks: 10, runs: 3, concurrency: 8);
        Assert.Equal(3, budget.RunsInFlight); // never more runs in flight than runs
        Assert.Equal(3 * budget.PerRunBytes + MemoryBudget.ProcessBytes, budget.TotalBytes);
        Assert.True(budget with { Available = new Available(budget.TotalBytes, long.MaxValue) } is { Fits: true });
        Assert.True(budget with { Available = new Available(budget.TotalBytes - 1, long.MaxValue) } is { Fits: false });
        Assert.True(budget with { Available = new Available(null, budget.TotalBytes - 1) } is { Fits: false });
        Assert.Equal("1.5 GB", MemoryBudget.Bytes(3L << 29));
    }

    [Fact]
    public async Task RedirectedOutputIsPlainTextWithRunsDoneOutOfTheTotal()
    {
        var path = Experiment("plain");
        var output = new StringWriter();
        var error = new StringWriter();
        Assert.Equal(ProgressMode.Plain, ProgressReporter.Choose(quiet: false, output));
        var code = await RunCommand.ExecuteAsync(Options(path, "out"), output, error, CancellationToken.None);
        Assert.True(code == 0, error.ToString());
        var text = output.ToString();
        Assert.DoesNotContain('\u001b', text);
        Assert.All(text, c => Assert.True(c is '\n' or '\r' || !char.IsControl(c), $"control character U+{(int)c:X4} in the output"));
        Assert.Contains("progress: runs 4/4 (100%)", text); // 2 regimes x 2 replicates
        Assert.Contains("tick 40/40", text);
        Assert.Contains("subject-ticks/s", text);
        Assert.Single(Regex.Matches(text, "runs 4/4"));
        Assert.Contains("memory: about", text);
    }

    [Fact]
    public void PlainLinesComeEveryTenthOfTheRunsOrEveryFiveSecondsAndTheLastOnceFromManyThreads()
    {
        var output = new StringWriter();
        var reporter = new ProgressReporter(output, ProgressMode.Plain);
        const int total = 100;
        // one report per run, all in the same second: a line at the first report and at each tenth of the runs
        Parallel.For(1, total + 1, new ParallelOptions { MaxDegreeOfParallelism = 4 }, done =>
            reporter.Report(new ExperimentProgress(done, total, 0, done * 1000L, total * 1000L, 10, 10, TimeSpan.FromSeconds(1))));
        var lines = output.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.InRange(lines.Length, 2, 11);
        Assert.Single(lines, l => l.Contains("runs 100/100", StringComparison.Ordinal));

        // with no run finishing, one line per 5 s of elapsed time
        var slow = new StringWriter();
        var slowReporter = new ProgressReporter(slow, ProgressMode.Plain);
        for (var second = 0; second < 60; second++)
            slowReporter.Report(new ExperimentProgress(0, 10, 0, second * 100L, 100_000, second, 365, TimeSpan.FromSeconds(second)));
        Assert.Equal(12, slow.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries).Length); // at 0, 5, ..., 55 s
        Assert.Contains("eta ", slow.ToString());
    }

    [Fact]
    public async Task QuietPrintsNothingOnSuccess()
    {
        var path = Experiment("quiet");
        var (code, output, err) = await RunAsync(Options(path, "out", quiet: true));
        Assert.Equal(0, code);
        Assert.Equal("", output);
        Assert.Equal("", err);
        Assert.True(File.Exists(Path.Combine(_dir, "out", "runs.csv")));
    }

    [Theory]
    [InlineData("8080", "127.0.0.1:8080")]
    [InlineData("localhost:0", "127.0.0.1:0")]
    [InlineData("[::1]:9000", "[::1]:9000")]
    public void LoopbackDashboardAddressesAreAccepted(string text, string expected)
    {
        var endpoint = Dashboard.ParseAddress(text, allowRemote: false, out var problem);
        Assert.True(endpoint is not null, problem);
        Assert.Equal(expected, endpoint.ToString());
    }

    [Fact]
    public async Task ANonLoopbackDashboardIsRefusedUnlessAllowed()
    {
        Assert.Null(Dashboard.ParseAddress("0.0.0.0:8080", allowRemote: false, out var problem));
        Assert.Contains("--dashboard-allow-remote", problem);
        Assert.NotNull(Dashboard.ParseAddress("0.0.0.0:8080", allowRemote: true, out _));
        Assert.Null(Dashboard.ParseAddress("127.0.0.1:70000", allowRemote: false, out problem));
        Assert.Contains("not a port", problem);

        var (code, _, err) = await RunAsync(Options(Experiment("remote"), "out") with { Dashboard = "0.0.0.0:0" });
        Assert.Equal(ExitCodes.BadInput, code);
        Assert.Contains("not a loopback address", err);
        Assert.False(Directory.Exists(Path.Combine(_dir, "out")));
    }

    [Fact]
    public async Task ADashboardPortInUseIsRefusedBeforeAnythingStarts()
    {
        var taken = new System.Net.Sockets.TcpListener(IPAddress.Loopback, 0);
        taken.Start();
        try
        {
            var port = ((IPEndPoint)taken.LocalEndpoint).Port;
            var (code, output, err) = await RunAsync(Options(Experiment("busy"), "out") with { Dashboard = $"127.0.0.1:{port}" });
            Assert.Equal(ExitCodes.BadInput, code);
            Assert.Contains($"cannot serve the dashboard on 127.0.0.1:{port}", err);
            Assert.Equal("", output);
            Assert.False(Directory.Exists(Path.Combine(_dir, "out")));
        }
        finally
        {
            taken.Stop();
        }
    }

    [Fact]
    public async Task TheDashboardAnswersWhileTheRunGoesOn()
    {
        // long enough (10 simulated years of 50,000 subjects) that it is still running when asked; cancelled once answered
        var path = Experiment("dashboard", population: "\"subjects\": 50000, \"users\": 15000", ticks: 3650, replicates: 1);
        var written = new StringWriter(CultureInfo.InvariantCulture);
        var errors = new StringWriter(CultureInfo.InvariantCulture);
        var output = TextWriter.Synchronized(written); // locks on itself, so reading under the same lock is safe
        var error = TextWriter.Synchronized(errors);
        string Read(TextWriter writer, StringWriter inner)
        {
            lock (writer) return inner.ToString();
        }
        using var cancel = new CancellationTokenSource();
        var run = RunCommand.ExecuteAsync(Options(path, "out") with { Dashboard = "127.0.0.1:0" }, output, error, cancel.Token);

        Uri? url = null;
        while (url is null && !run.IsCompleted)
        {
            await Task.Delay(100);
            var match = DashboardLine().Match(Read(output, written));
            if (match.Success) url = new Uri(match.Groups[1].Value);
        }
        Assert.True(url is not null, $"no dashboard line; output: {Read(output, written)}; errors: {Read(error, errors)}");
        Assert.True(url.IsLoopback);
        using var http = new HttpClient();
        using var page = await http.GetAsync(url);
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Contains("<html", await page.Content.ReadAsStringAsync(), StringComparison.OrdinalIgnoreCase);
        using var stats = await http.GetAsync(new Uri(url, "ClusterStats"));
        Assert.Equal(HttpStatusCode.OK, stats.StatusCode);
        Assert.False(run.IsCompleted, "the run ended before the dashboard was checked");

        await cancel.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => run);
        Assert.False(Directory.Exists(Path.Combine(_dir, "out")));
        using var probe = new HttpClient { Timeout = TimeSpan.FromSeconds(10) };
        await Assert.ThrowsAnyAsync<HttpRequestException>(() => probe.GetAsync(url)); // stopped with the run
    }

    [GeneratedRegex(@"(\d+(\.\d+)? (B|KB|MB|GB|TB)) available \(MemAvailable")]
    private static partial Regex MemoryAvailable();

    [GeneratedRegex(@"dashboard: (http://\S+)")]
    private static partial Regex DashboardLine();
}
