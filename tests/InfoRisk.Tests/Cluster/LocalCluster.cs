using InfoRisk.Silo;

namespace InfoRisk.Tests.Cluster;

/// <summary>
/// A real cluster on this machine: its own Redis-protocol server on a free loopback port (Garnet in this process, or
/// Debian's redis-server) and silo processes (dotnet InfoRisk.Silo.dll --cluster redis://...). Everything it started is
/// stopped on dispose, even after a failure.
/// </summary>
public sealed class LocalCluster : IAsyncDisposable
{
    private readonly List<ExternalProcess> _processes = [];

    /// <summary>The Redis-protocol server holding the membership table.</summary>
    public RedisBackend Redis { get; private set; } = null!;
    public List<(ExternalProcess Process, int SiloPort, int GatewayPort)> Silos { get; } = [];
    public ClusterSettings Settings { get; private set; } = null!;

    /// <summary>
    /// Starts the Redis backend (<see cref="RedisBackend.Garnet"/> in this process, or <see cref="RedisBackend.RedisServer"/>)
    /// and <paramref name="silos"/> silo processes, and returns once every silo is ready.
    /// </summary>
    public static async Task<LocalCluster> StartAsync(string backend, int silos, string? redisPassword = null, string? tlsCertificate = null, string? tlsPassword = null)
    {
        var cluster = new LocalCluster();
        try
        {
            cluster.Redis = await RedisBackend.StartAsync(backend, redisPassword);
            cluster.Settings = new ClusterSettings
            {
                Redis = $"redis://127.0.0.1:{cluster.Redis.Port}",
                RedisPassword = redisPassword,
                ClusterId = $"test-{Guid.NewGuid():N}"[..17],
                TlsCertificateFile = tlsCertificate,
                TlsCertificatePassword = tlsPassword,
            };
            var starts = Enumerable.Range(0, silos).Select(_ => cluster.StartSiloAsync()).ToArray();
            await Task.WhenAll(starts);
            return cluster;
        }
        catch
        {
            await cluster.DisposeAsync();
            throw;
        }
    }

    /// <summary>Starts one more silo process in the cluster.</summary>
    public async Task StartSiloAsync()
    {
        var siloPort = SiloSetup.FreePort();
        var gatewayPort = SiloSetup.FreePort();
        var args = new List<string>
        {
            SiloDll(), "--cluster", Settings.Redis!, "--cluster-id", Settings.ClusterId,
            "--silo-port", $"{siloPort}", "--gateway-port", $"{gatewayPort}",
        };
        // start-up in about 5 s instead of 15: the silo program turns tiered compilation off for steady speed (every
        // method fully optimised at its first call), which only slows the start here; results do not depend on it
        var environment = new Dictionary<string, string> { ["DOTNET_TieredCompilation"] = "1" };
        // secrets go to the silo through its environment, never on the command line
        if (Settings.RedisPassword is not null) environment[ClusterSettings.RedisPasswordVariable] = Settings.RedisPassword;
        if (Settings.TlsCertificateFile is not null)
        {
            args.AddRange(["--tls-cert", Settings.TlsCertificateFile]);
            if (Settings.TlsCertificatePassword is not null) environment[ClusterSettings.TlsPasswordVariable] = Settings.TlsCertificatePassword;
        }
        var silo = await ExternalProcess.StartAsync($"silo :{siloPort}", "dotnet", args, "silo ready:", environment);
        lock (_processes)
        {
            _processes.Add(silo);
            Silos.Add((silo, siloPort, gatewayPort));
        }
    }

    /// <summary>Output of redis and every silo, for failure messages and secret checks.</summary>
    public string Logs()
    {
        lock (_processes) return $"--- redis\n{Redis?.Output}\n" + string.Join("\n", _processes.Select(p => $"--- {p.Name}\n{p.Output}"));
    }

    public ValueTask DisposeAsync()
    {
        List<ExternalProcess> all;
        lock (_processes) all = [.. _processes];
        foreach (var p in all.AsEnumerable().Reverse())
        {
            try
            {
                p.Dispose();
            }
            catch (Exception e) when (e is InvalidOperationException or System.ComponentModel.Win32Exception)
            {
                // already gone
            }
        }
        Redis?.Dispose();
        return ValueTask.CompletedTask;
    }

    /// <summary>The silo program built with the solution: in src/Silo/bin (same configuration), else next to the tests.</summary>
    public static string SiloDll()
    {
        // The silo's own build folder first: its deps.json lists exactly what the silo needs. The copy next to the
        // tests runs with the tests' dependency set, which lacks assemblies the runner takes from the ASP.NET Core
        // shared framework (Microsoft.Extensions.Hosting), so it is only a fallback.
        var here = AppContext.BaseDirectory;
        var configuration = Repo.Configuration;
        var candidate = Repo.PathOf("src", "Silo", "bin", configuration, "net10.0", "InfoRisk.Silo.dll");
        if (File.Exists(candidate)) return candidate;
        var local = Path.Combine(here, "InfoRisk.Silo.dll");
        if (File.Exists(local) && File.Exists(Path.Combine(here, "InfoRisk.Silo.runtimeconfig.json"))) return local;
        throw new InvalidOperationException($"InfoRisk.Silo.dll not found in src/Silo/bin/{configuration} nor next to the tests ({here}): build the solution first (dotnet build Simulation.sln -c {configuration})");
    }
}
