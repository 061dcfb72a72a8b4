using Garnet;
using InfoRisk.Silo;

namespace InfoRisk.Tests.Cluster;

/// <summary>
/// The Redis-protocol server holding a test cluster's membership table, on a free loopback port: Microsoft Garnet
/// in this test process (always available: a NuGet package), or Debian's redis-server as a child process (when
/// installed; see <see cref="SystemPackages.RedisServer"/>).
/// </summary>
public abstract class RedisBackend : IDisposable
{
    public const string Garnet = "garnet";
    public const string RedisServer = "redis-server";

    public int Port { get; protected init; }

    /// <summary>What the server printed (redis-server), for failure messages and the secret checks.</summary>
    public abstract string Output { get; }

    /// <summary>
    /// Starts the named backend. redis-server is required through <see cref="SystemPackages.Require"/>: the calling test is
    /// skipped when it is missing (failed under INFORISK_REQUIRE_SYSTEM_PACKAGES=1).
    /// </summary>
    public static async Task<RedisBackend> StartAsync(string name, string? password)
    {
        switch (name)
        {
            case Garnet:
                return InProcessGarnet.Start(password);
            case RedisServer:
                var program = SystemPackages.Require(SystemPackages.RedisServer);
                return await RedisServerProcess.LaunchAsync(program, password);
            default:
                throw new ArgumentException($"unknown Redis backend '{name}'", nameof(name));
        }
    }

    public abstract void Dispose();
}

/// <summary>Microsoft Garnet (a Redis-protocol server) hosted in the test process on a free loopback port.</summary>
public sealed class InProcessGarnet : RedisBackend
{
    private readonly GarnetServer _server;

    private InProcessGarnet(GarnetServer server, int port)
    {
        _server = server;
        Port = port;
    }

    public override string Output => "(garnet in the test process)";

    public static InProcessGarnet Start(string? password)
    {
        // a free port can be taken by another test between FreePort and Start: try a few
        for (var attempt = 0; ; attempt++)
        {
            var port = SiloSetup.FreePort();
            var args = new List<string>
            {
                "--bind", "127.0.0.1", "--port", $"{port}",
                // Orleans' Redis membership table updates rows with Lua scripts (EVAL)
                "--lua",
                // small: the membership table is a few hashes
                "--memory", "16m", "--index", "1m", "--page", "1m",
            };
            if (password is not null) args.AddRange(["--auth", "Password", "--password", password]);
            var server = new GarnetServer([.. args]);
            try
            {
                server.Start();
                return new InProcessGarnet(server, port);
            }
            catch (Exception) when (attempt < 4)
            {
                server.Dispose();
            }
        }
    }

    public override void Dispose() => _server.Dispose();
}

/// <summary>Debian's redis-server as a child process (no persistence), killed on dispose.</summary>
public sealed class RedisServerProcess : RedisBackend
{
    private readonly ExternalProcess _process;

    private RedisServerProcess(ExternalProcess process, int port)
    {
        _process = process;
        Port = port;
    }

    public override string Output => _process.Output;

    public static async Task<RedisServerProcess> LaunchAsync(string program, string? password)
    {
        var port = SiloSetup.FreePort();
        var args = new List<string> { "--port", $"{port}", "--bind", "127.0.0.1", "--save", "", "--appendonly", "no" };
        if (password is not null) args.AddRange(["--requirepass", password]);
        var process = await ExternalProcess.StartAsync("redis-server", program, args, "Ready to accept connections", wait: TimeSpan.FromSeconds(60));
        return new RedisServerProcess(process, port);
    }

    public override void Dispose() => _process.Dispose();
}
