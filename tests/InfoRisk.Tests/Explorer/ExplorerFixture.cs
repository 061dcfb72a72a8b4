using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using InfoRisk.Runner.Explorer;

namespace InfoRisk.Tests.Explorer;

/// <summary>One explorer (web application and embedded silo) shared by the explorer tests and the browser tests.</summary>
public sealed class ExplorerFixture : IAsyncLifetime
{
    /// <summary>The tests' run size: 2,000 subjects x 60 days x 2 paired replicates (seconds, not minutes).</summary>
    public static JsonObject Small(string regime = "use-first", JsonObject? levers = null) => new()
    {
        ["regime"] = regime,
        ["baseline"] = "dynamic-balance",
        ["subjects"] = 2_000,
        ["ticks"] = 60,
        ["replicates"] = 2,
        ["seed"] = 7,
        ["levers"] = levers ?? [],
    };

    public ExplorerServer Server { get; private set; } = null!;

    public HttpClient Http { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Server = await ExplorerServer.StartAsync(0, CancellationToken.None);
        Http = new HttpClient { BaseAddress = Server.Url, Timeout = TimeSpan.FromMinutes(3) };
    }

    public async Task DisposeAsync()
    {
        Http.Dispose();
        await Server.DisposeAsync();
    }

    public async Task<(int Status, JsonObject Body)> PostAsync(string path, JsonObject body)
    {
        using var content = new StringContent(body.ToJsonString(), Encoding.UTF8);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        using var response = await Http.PostAsync(path, content);
        return ((int)response.StatusCode, JsonNode.Parse(await response.Content.ReadAsStringAsync())!.AsObject());
    }

    public async Task<string> StartAsync(JsonObject request)
    {
        var (status, body) = await PostAsync("api/jobs", request);
        Assert.True(status == 201, body.ToJsonString());
        return body["id"]!.GetValue<string>();
    }

    /// <summary>The job's Server-Sent Events from number <paramref name="from"/> on: (id, event, data), until the stream ends or <paramref name="stop"/> says so.</summary>
    public async Task<List<(int Id, string Event, JsonNode Data)>> EventsAsync(string job, int from = 0, Func<(int Id, string Event, JsonNode Data), bool>? stop = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, $"api/jobs/{job}/events");
        if (from > 0) request.Headers.Add("Last-Event-ID", (from - 1).ToString(System.Globalization.CultureInfo.InvariantCulture));
        using var response = await Http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
        Assert.Equal("text/event-stream", response.Content.Headers.ContentType?.MediaType);
        using var reader = new StreamReader(await response.Content.ReadAsStreamAsync());
        var events = new List<(int, string, JsonNode)>();
        int? id = null;
        string? name = null;
        while (await reader.ReadLineAsync() is { } line)
        {
            if (line.StartsWith("id: ", StringComparison.Ordinal)) id = int.Parse(line[4..], System.Globalization.CultureInfo.InvariantCulture);
            else if (line.StartsWith("event: ", StringComparison.Ordinal)) name = line[7..];
            else if (line.StartsWith("data: ", StringComparison.Ordinal))
            {
                var e = (id!.Value, name!, JsonNode.Parse(line[6..])!);
                events.Add(e);
                if (stop?.Invoke(e) == true) break;
            }
        }
        return events;
    }
}

[CollectionDefinition(Name)]
public sealed class ExplorerCollection : ICollectionFixture<ExplorerFixture>
{
    public const string Name = "explorer";
}
