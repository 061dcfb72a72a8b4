using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using InfoRisk.Runner.Execution;
using InfoRisk.Runner.Experiments;
using InfoRisk.Silo;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using HttpResults = Microsoft.AspNetCore.Http.Results;

namespace InfoRisk.Runner.Explorer;

/// <summary>
/// The explorer: a small ASP.NET Core application on a loopback address, with one embedded Orleans silo started once
/// for its lifetime (the engine <c>inforisk run</c> uses). Each Run is a job of its own (<see cref="ExplorerJob"/>);
/// the server keeps no other state, so two browsers, or a tab closed and opened again, do not interfere.
/// </summary>
/// <remarks>
/// Endpoints: <c>GET /</c> the page and <c>/assets/NAME</c> its script and style (embedded); <c>GET /api/model</c>
/// levers, presets, metrics and chart texts; <c>POST /api/validate</c> the experiment document of a request and the
/// loader's problems; <c>POST /api/jobs</c> validates and starts a run; <c>GET /api/jobs/ID/events</c> its progress,
/// time courses, paired differences and final table as Server-Sent Events (replayed from Last-Event-ID);
/// <c>POST /api/jobs/ID/cancel</c>; <c>GET /api/jobs/ID/experiment.json</c> the file that was run. Requests whose Host
/// is not a loopback name are refused (DNS rebinding), and so are POSTs from another origin.
/// </remarks>
public sealed class ExplorerServer : IAsyncDisposable
{
    /// <summary>The default port of <c>inforisk explore</c>.</summary>
    public const int DefaultPort = 8765;

    /// <summary>Jobs running at once; another Run is refused until one ends (two cores: more would only queue).</summary>
    public const int MaxRunning = 4;

    /// <summary>Finished jobs kept for reconnecting tabs and downloads; the oldest finished ones go first.</summary>
    public const int MaxKept = 32;

    private readonly WebApplication _app;
    private readonly Engine _engine;
    private readonly ConcurrentDictionary<string, (ExplorerJob Job, Task Task)> _jobs = new(StringComparer.Ordinal);
    private readonly int _concurrency;

    private ExplorerServer(WebApplication app, Engine engine, int concurrency)
    {
        _app = app;
        _engine = engine;
        _concurrency = concurrency;
    }

    /// <summary>Where the explorer answers, e.g. http://127.0.0.1:8765/.</summary>
    public Uri Url { get; private set; } = new("http://127.0.0.1/");

    /// <summary>Starts the engine and the web application on 127.0.0.1:<paramref name="port"/> (0: any free port).</summary>
    public static async Task<ExplorerServer> StartAsync(int port, CancellationToken cancel, int? concurrency = null)
    {
        if (port is < 0 or > IPEndPoint.MaxPort) throw new ArgumentOutOfRangeException(nameof(port), port, $"--port {port} is not a port; allowed: 0 (any free port) to {IPEndPoint.MaxPort}");
        var engine = await Engine.StartEmbeddedAsync(cancel);
        try
        {
            var builder = WebApplication.CreateSlimBuilder();
            SiloSetup.ConfigureLogging(builder.Logging);
            builder.Logging.AddFilter("Microsoft.Extensions.Hosting", LogLevel.None);
            builder.WebHost.UseKestrel(k => k.Listen(IPAddress.Loopback, port));
            var app = builder.Build();
            var server = new ExplorerServer(app, engine, concurrency ?? Math.Max(2, Environment.ProcessorCount * 2));
            server.Map(app);
            try
            {
                await app.StartAsync(cancel);
            }
            catch (IOException e) when (e.InnerException is SocketException || e.Message.Contains("address already in use", StringComparison.OrdinalIgnoreCase))
            {
                await app.DisposeAsync();
                throw new ExplorerAddressException($"cannot serve the explorer on 127.0.0.1:{port}: {e.Message}; choose another port, e.g. --port 0 for any free port", e);
            }
            var bound = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses.FirstOrDefault() ?? $"http://127.0.0.1:{port}";
            server.Url = new Uri(bound.EndsWith('/') ? bound : bound + "/");
            return server;
        }
        catch
        {
            await engine.DisposeAsync();
            throw;
        }
    }

    private ConcurrentDictionary<string, (ExplorerJob Job, Task Task)> Jobs => _jobs;

    /// <summary>The jobs this server holds (for tests and the closing message).</summary>
    public IReadOnlyCollection<ExplorerJob> AllJobs => [.. Jobs.Values.Select(j => j.Job)];

    private void Map(WebApplication app)
    {
        app.Use(async (context, next) =>
        {
            if (Refusal(context.Request) is { } refusal)
            {
                context.Response.StatusCode = StatusCodes.Status403Forbidden;
                await context.Response.WriteAsync(refusal);
                return;
            }
            context.Response.Headers["X-Content-Type-Options"] = "nosniff";
            context.Response.Headers["Content-Security-Policy"] = "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; connect-src 'self'";
            await next(context);
        });
        app.MapGet("/", () => HttpResults.Content(WebAssets.Text("explorer.html"), WebAssets.Types["explorer.html"]));
        app.MapGet("/assets/{name}", (string name) =>
            WebAssets.Types.TryGetValue(name, out var type) && name != "explorer.html" ? HttpResults.Content(WebAssets.Text(name), type) : HttpResults.NotFound());
        app.MapGet("/api/model", () => Json(ExplorerModel.Describe()));
        app.MapPost("/api/validate", async (HttpRequest request) =>
        {
            var body = await ReadRequest(request);
            if (body is null) return BadBody();
            var document = ExplorerRequest.Document(body);
            try
            {
                ExplorerRequest.Validate(document);
                return Json(new JsonObject { ["ok"] = true, ["document"] = Encoding.UTF8.GetString(document) });
            }
            catch (ExperimentException e)
            {
                return Problems(e, document, StatusCodes.Status200OK);
            }
        });
        app.MapPost("/api/jobs", async (HttpRequest request) =>
        {
            var body = await ReadRequest(request);
            if (body is null) return BadBody();
            var document = ExplorerRequest.Document(body);
            Experiment experiment;
            try
            {
                experiment = ExplorerRequest.Validate(document);
            }
            catch (ExperimentException e)
            {
                return Problems(e, document, StatusCodes.Status400BadRequest);
            }
            var budget = MemoryBudget.Of(experiment, _concurrency);
            if (!budget.Fits)
            {
                return Json(new JsonObject { ["ok"] = false, ["problems"] = new JsonArray($"{ExplorerRequest.FileName}: $.population: not enough memory: this experiment needs {budget.Describe()}; allowed: an estimate within the memory available; use fewer subjects or users") }, StatusCodes.Status400BadRequest);
            }
            if (Jobs.Values.Count(j => j.Job.State == JobState.Running) >= MaxRunning)
            {
                return Json(new JsonObject { ["ok"] = false, ["problems"] = new JsonArray($"{MaxRunning} runs are going on already; wait for one to finish or cancel one") }, StatusCodes.Status429TooManyRequests);
            }
            var job = new ExplorerJob(Guid.NewGuid().ToString("N")[..16], experiment, document);
            Forget();
            Jobs[job.Id] = (job, Task.Run(() => job.RunAsync(_engine.Grains, _concurrency)));
            return Json(new JsonObject { ["ok"] = true, ["id"] = job.Id }, StatusCodes.Status201Created);
        });
        app.MapGet("/api/jobs/{id}/events", async (string id, HttpContext context) =>
        {
            if (!Jobs.TryGetValue(id, out var entry))
            {
                context.Response.StatusCode = StatusCodes.Status404NotFound;
                return;
            }
            context.Response.ContentType = "text/event-stream; charset=utf-8";
            context.Response.Headers.CacheControl = "no-cache";
            var from = int.TryParse(context.Request.Headers["Last-Event-ID"].FirstOrDefault(), out var last) ? last + 1
                : int.TryParse(context.Request.Query["from"].FirstOrDefault(), out var f) ? f : 0;
            try
            {
                await entry.Job.StreamAsync(context.Response.Body, from, context.RequestAborted);
            }
            catch (OperationCanceledException)
            {
                // the tab was closed: the job goes on, and a tab that comes back is sent the rest
            }
        });
        app.MapPost("/api/jobs/{id}/cancel", (string id) =>
        {
            if (!Jobs.TryGetValue(id, out var entry)) return HttpResults.NotFound();
            entry.Job.Cancel();
            return Json(new JsonObject { ["ok"] = true, ["state"] = entry.Job.State.ToString().ToLowerInvariant() });
        });
        app.MapGet("/api/jobs/{id}/experiment.json", (string id) =>
            Jobs.TryGetValue(id, out var entry)
                ? HttpResults.File(entry.Job.Document, "application/json", ExplorerRequest.FileName)
                : HttpResults.NotFound());
    }

    /// <summary>Why a request is refused: a Host that is not loopback (DNS rebinding), or a POST from another origin.</summary>
    private static string? Refusal(HttpRequest request)
    {
        var host = request.Host.Host;
        var loopback = host is "localhost" or "127.0.0.1" or "[::1]" or "::1" || (IPAddress.TryParse(host, out var ip) && IPAddress.IsLoopback(ip));
        if (!loopback) return $"the explorer answers requests for loopback addresses only, not '{host}'";
        if (HttpMethods.IsPost(request.Method) && request.Headers.Origin.FirstOrDefault() is { } origin
            && !string.Equals(origin, $"{request.Scheme}://{request.Host}", StringComparison.OrdinalIgnoreCase))
        {
            return $"requests from another site ({origin}) are refused";
        }
        return null;
    }

    private static async Task<JsonObject?> ReadRequest(HttpRequest request)
    {
        if (request.ContentType?.StartsWith("application/json", StringComparison.OrdinalIgnoreCase) != true) return null;
        try
        {
            using var reader = new StreamReader(request.Body, Encoding.UTF8);
            var text = await reader.ReadToEndAsync();
            return text.Length > ExperimentsLimit ? null : JsonNode.Parse(text) as JsonObject;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private const int ExperimentsLimit = (int)InputFile.MaxJsonBytes;

    private static IResult BadBody() =>
        Json(new JsonObject { ["ok"] = false, ["problems"] = new JsonArray("the request must be a JSON object (Content-Type: application/json) of at most 1 MiB") }, StatusCodes.Status400BadRequest);

    private static IResult Problems(ExperimentException e, byte[] document, int status) => Json(new JsonObject
    {
        ["ok"] = false,
        // the same lines 'inforisk validate' prints for this file
        ["problems"] = new JsonArray([.. e.Problems.Select(p => JsonValue.Create($"error: {p}"))]),
        ["fields"] = new JsonArray([.. e.Problems.Select(p => JsonValue.Create(p.JsonPath))]),
        ["document"] = Encoding.UTF8.GetString(document),
    }, status);

    private static IResult Json(JsonNode node, int status = StatusCodes.Status200OK) =>
        HttpResults.Content(node.ToJsonString(), "application/json; charset=utf-8", Encoding.UTF8, status);

    /// <summary>Drops the oldest finished jobs beyond <see cref="MaxKept"/>.</summary>
    private void Forget()
    {
        var finished = Jobs.Values.Where(j => j.Job.State != JobState.Running).OrderBy(j => j.Job.Created).ToList();
        foreach (var (job, _) in finished.Take(Math.Max(0, finished.Count - MaxKept + 1)))
        {
            if (Jobs.TryRemove(job.Id, out _)) job.Dispose();
        }
    }

    /// <summary>
    /// Runs a tiny experiment (1,000 subjects, 30 ticks, one replicate of two regimes) through the same code, so that the
    /// first Run a researcher makes does not pay for compiling the engine.
    /// </summary>
    public async Task WarmUpAsync(CancellationToken cancel)
    {
        var document = ExplorerRequest.Document(new JsonObject { ["subjects"] = 1_000, ["ticks"] = 30, ["replicates"] = 1 });
        var experiment = ExplorerRequest.Validate(document);
        var runner = new ExperimentRunner(_engine.Grains, experiment, experiment.CohortSize, _concurrency);
        await runner.RunAsync(_ => { }, null, cancel);
    }

    /// <summary>Waits until the web application is stopped (Ctrl-C) or <paramref name="cancel"/> fires.</summary>
    public async Task WaitAsync(CancellationToken cancel)
    {
        try
        {
            await Task.Delay(Timeout.Infinite, cancel);
        }
        catch (OperationCanceledException)
        {
            // stopping
        }
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var (job, _) in Jobs.Values) job.Cancel();
        try
        {
            await Task.WhenAll(Jobs.Values.Select(j => j.Task)).WaitAsync(TimeSpan.FromSeconds(10));
        }
        catch (TimeoutException)
        {
            // the engine is stopped below regardless
        }
        try
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(5));
            await _app.StopAsync(timeout.Token);
        }
        finally
        {
            await _app.DisposeAsync();
            await _engine.DisposeAsync();
        }
    }
}

/// <summary>The explorer's port cannot be used (e.g. it is taken): bad input, exit code 2.</summary>
public sealed class ExplorerAddressException(string message, Exception inner) : Exception(message, inner);
