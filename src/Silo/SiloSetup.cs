using System.Net.Security;
using System.Net.Sockets;
using System.Security.Cryptography.X509Certificates;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Orleans.Configuration;
using Orleans.Connections.Security;

namespace InfoRisk.Silo;

/// <summary>The silo configuration shared by the standalone silo process and the Runner's embedded silo.</summary>
public static class SiloSetup
{
    /// <summary>Grain calls of a run may take minutes on large populations.</summary>
    public static readonly TimeSpan CallTimeout = TimeSpan.FromMinutes(30);

    /// <summary>
    /// Membership probe timeout of a Redis cluster. A silo that misses <see cref="MissedProbesLimit"/> probes in a row
    /// is voted dead, so a killed silo is detected in roughly 3 x 2 s instead of Orleans' default 3 x 5 s
    /// (Orleans still extends the timeout while the probing silo itself is overloaded, which avoids false deaths).
    /// </summary>
    public static readonly TimeSpan ProbeTimeout = TimeSpan.FromSeconds(2);

    public const int MissedProbesLimit = 3;

    /// <summary>How often silos re-read the membership table and clients re-read the gateway list.</summary>
    public static readonly TimeSpan MembershipRefresh = TimeSpan.FromSeconds(5);

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
            // listen on the advertised address only (loopback unless --advertise names another)
            silo.ConfigureEndpoints(settings.Advertise, settings.SiloPort, settings.GatewayPort, listenOnAnyHostAddress: false);
            silo.Configure<ClusterMembershipOptions>(o =>
            {
                o.ProbeTimeout = ProbeTimeout;
                o.NumMissedProbesLimit = MissedProbesLimit;
                o.TableRefreshTimeout = MembershipRefresh;
            });
        }
        else
        {
            silo.UseLocalhostClustering(settings.SiloPort, settings.GatewayPort, serviceId: settings.ServiceId, clusterId: settings.ClusterId);
        }
        if (settings.IsTls)
        {
            var certificate = settings.LoadTlsCertificate();
            silo.UseTls(certificate, o => ConfigureTls(o, certificate));
        }
        silo.Configure<SiloMessagingOptions>(o => o.ResponseTimeout = CallTimeout);
        // Random placement spreads a run's cohorts and coordinators over the silos (Orleans 10's default,
        // resource-optimised placement, may put a whole burst of new activations on one silo).
        silo.Services.AddSingleton<PlacementStrategy, RandomPlacement>();
    }

    public static void ConfigureClient(IClientBuilder client, ClusterSettings settings)
    {
        client.Configure<ClusterOptions>(o =>
        {
            o.ClusterId = settings.ClusterId;
            o.ServiceId = settings.ServiceId;
        });
        if (settings.IsRedis)
        {
            client.UseRedisClustering(o => o.ConfigurationOptions = settings.RedisOptions());
            client.Configure<GatewayOptions>(o => o.GatewayListRefreshPeriod = MembershipRefresh);
        }
        else
        {
            client.UseLocalhostClustering(settings.GatewayPort, settings.ServiceId, settings.ClusterId);
        }
        if (settings.IsTls)
        {
            var certificate = settings.LoadTlsCertificate();
            client.UseTls(certificate, o => ConfigureTls(o, certificate));
        }
        client.Configure<ClientMessagingOptions>(o => o.ResponseTimeout = CallTimeout);
    }

    /// <summary>
    /// Mutual TLS with one cluster certificate: each side presents the certificate and accepts the other side only if it
    /// presents a certificate that is valid for this machine's trust store, or is the very same certificate (same
    /// thumbprint, so a self-signed cluster certificate works without installing it anywhere).
    /// </summary>
    private static void ConfigureTls(TlsOptions options, X509Certificate2 certificate)
    {
        options.RemoteCertificateMode = RemoteCertificateMode.RequireCertificate;
        options.ClientCertificateMode = RemoteCertificateMode.RequireCertificate;
        options.RemoteCertificateValidation = (remote, _, errors) =>
            errors == SslPolicyErrors.None || string.Equals(remote.Thumbprint, certificate.Thumbprint, StringComparison.OrdinalIgnoreCase);
        var name = certificate.GetNameInfo(X509NameType.DnsName, forIssuer: false);
        options.OnAuthenticateAsClient = (_, ssl) => ssl.TargetHost = string.IsNullOrEmpty(name) ? "inforisk" : name;
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
