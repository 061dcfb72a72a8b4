using InfoRisk.Silo;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace InfoRisk.Runner.Execution;

/// <summary>
/// Where runs execute: an Orleans silo embedded in this process (the default), or an existing cluster joined as a client.
/// </summary>
public sealed class Engine : IAsyncDisposable
{
    private readonly IHost _host;

    public IGrainFactory Grains { get; }
    public string Description { get; }
    public bool Embedded { get; }

    private Engine(IHost host, IGrainFactory grains, string description, bool embedded)
    {
        _host = host;
        Grains = grains;
        Description = description;
        Embedded = embedded;
    }

    /// <summary>Hosts a silo in this process on free loopback ports; <paramref name="configureSilo"/> may add to the silo (e.g. the dashboard).</summary>
    public static async Task<Engine> StartEmbeddedAsync(CancellationToken cancel, Action<ISiloBuilder, ClusterSettings>? configureSilo = null)
    {
        var settings = new ClusterSettings
        {
            SiloPort = SiloSetup.FreePort(),
            GatewayPort = SiloSetup.FreePort(),
            ClusterId = "inforisk-embedded",
        };
        var builder = Host.CreateApplicationBuilder();
        SiloSetup.ConfigureLogging(builder.Logging);
        builder.UseOrleans(silo =>
        {
            SiloSetup.ConfigureSilo(silo, settings);
            configureSilo?.Invoke(silo, settings);
        });
        var host = builder.Build();
        await host.StartAsync(cancel);
        return new Engine(host, host.Services.GetRequiredService<IGrainFactory>(), "embedded silo (1 silo, in-process)", embedded: true);
    }

    /// <summary>Connects to a cluster as a client.</summary>
    public static async Task<Engine> ConnectAsync(ClusterSettings settings, CancellationToken cancel)
    {
        var builder = Host.CreateApplicationBuilder();
        SiloSetup.ConfigureLogging(builder.Logging);
        builder.UseOrleansClient(client => SiloSetup.ConfigureClient(client, settings));
        var host = builder.Build();
        await host.StartAsync(cancel);
        return new Engine(host, host.Services.GetRequiredService<IClusterClient>(), settings.Describe(), embedded: false);
    }

    /// <summary>Number of active silos, as the cluster reports it.</summary>
    public async Task<int> SiloCountAsync()
    {
        var management = Grains.GetGrain<IManagementGrain>(0);
        var hosts = await management.GetHosts(onlyActive: true);
        return hosts.Count;
    }

    /// <summary>Addresses of the active silos (cluster membership as the management grain reports it).</summary>
    public async Task<IReadOnlyCollection<SiloAddress>> ActiveSilosAsync()
    {
        var management = Grains.GetGrain<IManagementGrain>(0);
        var hosts = await management.GetHosts(onlyActive: true);
        return hosts.Keys;
    }

    /// <summary>A watch on silo losses for the retry policy; null for the embedded silo (it cannot lose a silo and go on).</summary>
    public SiloWatch? WatchSilos() => Embedded ? null : new SiloWatch(ActiveSilosAsync, TimeSpan.FromSeconds(1));

    public async ValueTask DisposeAsync()
    {
        try
        {
            await _host.StopAsync(TimeSpan.FromSeconds(10));
        }
        finally
        {
            _host.Dispose();
        }
    }
}
