using System.Net.Sockets;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Orleans.Configuration;

namespace InfoRisk.Silo;

/// <summary>The silo configuration shared by the standalone silo process and the Runner's embedded silo.</summary>
public static class SiloSetup
{
    /// <summary>Grain calls of a run may take minutes on large populations.</summary>
    public static readonly TimeSpan CallTimeout = TimeSpan.FromMinutes(30);

    public static void ConfigureSilo(ISiloBuilder silo, ClusterSettings settings)
    {
        silo.Configure<ClusterOptions>(o =>
        {
            o.ClusterId = settings.ClusterId;
            o.ServiceId = settings.ServiceId;
        });
        if (settings.IsRedis)
        {
            silo.UseRedisClustering(o => o.ConfigurationOptions = settings.RedisOptions());
            silo.ConfigureEndpoints(settings.Advertise, settings.SiloPort, settings.GatewayPort, listenOnAnyHostAddress: false);
        }
        else
        {
            silo.UseLocalhostClustering(settings.SiloPort, settings.GatewayPort, serviceId: settings.ServiceId, clusterId: settings.ClusterId);
        }
        silo.Configure<SiloMessagingOptions>(o => o.ResponseTimeout = CallTimeout);
    }

    public static void ConfigureClient(IClientBuilder client, ClusterSettings settings)
    {
        client.Configure<ClusterOptions>(o =>
        {
            o.ClusterId = settings.ClusterId;
            o.ServiceId = settings.ServiceId;
        });
        if (settings.IsRedis) client.UseRedisClustering(o => o.ConfigurationOptions = settings.RedisOptions());
        else client.UseLocalhostClustering(settings.GatewayPort, settings.ServiceId, settings.ClusterId);
        client.Configure<ClientMessagingOptions>(o => o.ResponseTimeout = CallTimeout);
    }

    /// <summary>Quiet logs: warnings and errors only, without Orleans' start-up watchdog noise.</summary>
    public static void ConfigureLogging(ILoggingBuilder logging, LogLevel level = LogLevel.Warning)
    {
        logging.ClearProviders();
        logging.AddSimpleConsole(o => o.SingleLine = true);
        logging.SetMinimumLevel(level);
        logging.AddFilter("Orleans.Runtime.Watchdog", LogLevel.Error);
        // simulation grains keep both cores busy by design; the thread-pool stall warnings this causes are not faults
        logging.AddFilter("Orleans.Runtime.MembershipService.LocalSiloHealthMonitor", LogLevel.Error);
        logging.AddFilter("Microsoft.Hosting.Lifetime", LogLevel.Warning);
    }

    /// <summary>A free TCP port on loopback (for embedded silos, so that several can run side by side).</summary>
    public static int FreePort()
    {
        var listener = new TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        var port = ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }
}
