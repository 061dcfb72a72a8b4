using System.Net;
using StackExchange.Redis;

namespace InfoRisk.Silo;

/// <summary>How a silo or a client joins a cluster. Without a Redis address: a single-machine (localhost) cluster.</summary>
public sealed record ClusterSettings
{
    /// <summary>Redis membership address as "redis://host:port" (or "rediss://host:port" for TLS); null for localhost clustering.</summary>
    public string? Redis { get; init; }
    public string? RedisPassword { get; init; }
    public bool RedisTls { get; init; }
    /// <summary>PEM file of the certificate authority that signed the Redis server's certificate.</summary>
    public string? RedisCaFile { get; init; }
    public string ClusterId { get; init; } = "inforisk";
    public string ServiceId { get; init; } = "inforisk";
    public int SiloPort { get; init; } = 11111;
    public int GatewayPort { get; init; } = 30000;
    /// <summary>The address other silos and clients use to reach this silo; loopback unless set.</summary>
    public IPAddress Advertise { get; init; } = IPAddress.Loopback;

    public bool IsRedis => Redis is not null;

    /// <summary>StackExchange.Redis options for the membership table. The password never appears in logs or manifests.</summary>
    public ConfigurationOptions RedisOptions()
    {
        var uri = new Uri(Redis ?? throw new InvalidOperationException("no Redis address"));
        if (uri.Scheme is not ("redis" or "rediss"))
            throw new ArgumentException($"cluster address '{Redis}' must start with redis:// or rediss://");
        var options = new ConfigurationOptions
        {
            AbortOnConnectFail = false,
            Ssl = RedisTls || uri.Scheme == "rediss",
            Password = RedisPassword ?? (string.IsNullOrEmpty(uri.UserInfo) ? null : Uri.UnescapeDataString(uri.UserInfo.Split(':').Last())),
        };
        options.EndPoints.Add(uri.Host, uri.Port > 0 ? uri.Port : 6379);
        if (options.Ssl)
        {
            options.SslHost = uri.Host;
            if (RedisCaFile is not null) options.TrustIssuer(RedisCaFile);
        }
        return options;
    }

    /// <summary>The address with any secret removed, for logs and manifests.</summary>
    public string Describe()
    {
        if (Redis is null) return "embedded (localhost clustering)";
        var uri = new Uri(Redis);
        return $"{uri.Scheme}://{uri.Host}:{(uri.Port > 0 ? uri.Port : 6379)} cluster={ClusterId} service={ServiceId}";
    }
}
