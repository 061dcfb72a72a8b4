using System.Net;
using System.Security.Cryptography.X509Certificates;
using StackExchange.Redis;

namespace InfoRisk.Silo;

/// <summary>How a silo or a client joins a cluster. Without a Redis address: a single-machine (localhost) cluster.</summary>
public sealed record ClusterSettings
{
    /// <summary>Environment variable holding the Redis password (instead of --redis-password).</summary>
    public const string RedisPasswordVariable = "INFORISK_REDIS_PASSWORD";

    /// <summary>Environment variable holding the password of the TLS certificate file (instead of --tls-password-file).</summary>
    public const string TlsPasswordVariable = "INFORISK_TLS_PASSWORD";

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

    /// <summary>
    /// Certificate (PKCS#12 / .pfx file with its private key) for TLS on silo-to-silo and client-to-silo connections;
    /// null for plain TCP. Every silo and client of a cluster uses the same file (see docs/operations.md).
    /// </summary>
    public string? TlsCertificateFile { get; init; }
    public string? TlsCertificatePassword { get; init; }

    public bool IsRedis => Redis is not null;

    public bool IsTls => TlsCertificateFile is not null;

    /// <summary>StackExchange.Redis options for the membership table. The password never appears in logs or manifests.</summary>
    public ConfigurationOptions RedisOptions()
    {
        var uri = RedisUri();
        var (user, password) = Credentials(uri);
        var options = new ConfigurationOptions
        {
            AbortOnConnectFail = false,
            Ssl = RedisTls || uri.Scheme == "rediss",
            User = user,
            Password = RedisPassword ?? password,
        };
        options.EndPoints.Add(uri.Host, uri.Port > 0 ? uri.Port : 6379);
        if (options.Ssl)
        {
            options.SslHost = uri.Host;
            if (RedisCaFile is not null) options.TrustIssuer(RedisCaFile);
        }
        return options;
    }

    /// <summary>
    /// The user and password of an address <c>redis://[USER]:PASSWORD@HOST:PORT</c> (<c>redis://PASSWORD@HOST</c> also gives a
    /// password): everything after the first ':' is the password, so a password may itself contain ':'.
    /// </summary>
    private static (string? User, string? Password) Credentials(Uri uri)
    {
        if (string.IsNullOrEmpty(uri.UserInfo)) return (null, null);
        var colon = uri.UserInfo.IndexOf(':', StringComparison.Ordinal);
        if (colon < 0) return (null, Uri.UnescapeDataString(uri.UserInfo));
        var user = Uri.UnescapeDataString(uri.UserInfo[..colon]);
        return (user.Length == 0 ? null : user, Uri.UnescapeDataString(uri.UserInfo[(colon + 1)..]));
    }

    /// <summary>True when the --cluster address itself holds a password (visible to every user of the machine in the process list).</summary>
    public bool AddressHoldsPassword => Redis is not null && Uri.TryCreate(Redis, UriKind.Absolute, out var uri) && !string.IsNullOrEmpty(uri.UserInfo);

    /// <summary>Warnings about secrets given on the command line, where other users of the machine can read them (ps).</summary>
    public static IEnumerable<string> CommandLineSecretWarnings(ClusterSettings settings, bool passwordOption)
    {
        if (settings.AddressHoldsPassword)
            yield return $"warning: the --cluster address holds a password, which other users of this machine can read in the process list (ps); set {RedisPasswordVariable} instead";
        if (passwordOption)
            yield return $"warning: --redis-password is visible to other users of this machine in the process list (ps); set {RedisPasswordVariable} instead";
    }

    /// <summary>The certificate of --tls-cert with its private key, or a clear error naming the file.</summary>
    public X509Certificate2 LoadTlsCertificate()
    {
        var path = TlsCertificateFile ?? throw new InvalidOperationException("no TLS certificate file");
        if (!File.Exists(path)) throw new ArgumentException($"--tls-cert '{path}': file not found");
        X509Certificate2 certificate;
        try
        {
            certificate = X509CertificateLoader.LoadPkcs12FromFile(path, TlsCertificatePassword, X509KeyStorageFlags.Exportable);
        }
        catch (System.Security.Cryptography.CryptographicException e)
        {
            throw new ArgumentException($"--tls-cert '{path}': not a PKCS#12 (.pfx) file or wrong password (set {TlsPasswordVariable} or --tls-password-file): {e.Message}", e);
        }
        if (!certificate.HasPrivateKey) throw new ArgumentException($"--tls-cert '{path}': the certificate has no private key; a .pfx with the key is needed");
        return certificate;
    }

    /// <summary>Checks the settings without connecting anywhere; returns the problems found (empty when fine).</summary>
    public IReadOnlyList<string> Problems()
    {
        var problems = new List<string>();
        if (Redis is not null)
        {
            if (!Uri.TryCreate(Redis, UriKind.Absolute, out var uri) || uri.Scheme is not ("redis" or "rediss") || string.IsNullOrEmpty(uri.Host))
                problems.Add($"--cluster '{Describe(Redis)}': expected redis://HOST:PORT or rediss://HOST:PORT");
            else if (uri.Port == 0)
                problems.Add($"--cluster '{Describe(Redis)}': port 0; allowed 1 to 65535 (6379 when no port is given)");
        }
        if (RedisCaFile is not null && !File.Exists(RedisCaFile)) problems.Add($"--redis-ca '{RedisCaFile}': file not found");
        if (TlsCertificateFile is not null && !File.Exists(TlsCertificateFile)) problems.Add($"--tls-cert '{TlsCertificateFile}': file not found");
        foreach (var (name, port) in new[] { ("--silo-port", SiloPort), ("--gateway-port", GatewayPort) })
        {
            if (port is < 1 or > 65535) problems.Add($"{name} {port}: allowed 1 to 65535");
        }
        return problems;
    }

    /// <summary>The address with any secret removed, for logs and manifests.</summary>
    public string Describe()
    {
        if (Redis is null) return "embedded (localhost clustering)";
        var uri = RedisUri();
        return $"{uri.Scheme}://{uri.Host}:{(uri.Port > 0 ? uri.Port : 6379)} cluster={ClusterId} service={ServiceId}{(IsTls ? " tls" : "")}";
    }

    private Uri RedisUri()
    {
        var address = Redis ?? throw new InvalidOperationException("no Redis address");
        if (!Uri.TryCreate(address, UriKind.Absolute, out var uri) || uri.Scheme is not ("redis" or "rediss"))
            throw new ArgumentException($"cluster address '{Describe(address)}' must look like redis://HOST:PORT or rediss://HOST:PORT");
        return uri;
    }

    /// <summary>An address as typed, with anything before '@' (a password) blanked.</summary>
    private static string Describe(string address)
    {
        var at = address.LastIndexOf('@');
        var scheme = address.IndexOf("://", StringComparison.Ordinal);
        return at > 0 && scheme >= 0 && at > scheme ? address[..(scheme + 3)] + "***@" + address[(at + 1)..] : address;
    }
}
