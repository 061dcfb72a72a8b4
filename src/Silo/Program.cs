using System.CommandLine;
using System.Net;
using InfoRisk.Silo;
using Microsoft.Extensions.Hosting;

// A silo of a real InfoRisk cluster, joined through Redis membership. See docs/operations.md.
var cluster = new Option<string>("--cluster") { Description = "Redis membership address, redis://HOST:PORT (rediss:// for TLS)", Required = true };
var siloPort = new Option<int>("--silo-port") { Description = "Silo-to-silo port", DefaultValueFactory = _ => 11111 };
var gatewayPort = new Option<int>("--gateway-port") { Description = "Client gateway port", DefaultValueFactory = _ => 30000 };
var advertise = new Option<string>("--advertise") { Description = "Address to listen on and to give other silos and clients (default 127.0.0.1: this machine only)", DefaultValueFactory = _ => "127.0.0.1" };
var clusterId = new Option<string>("--cluster-id") { Description = "Cluster id: silos and clients of one cluster share it", DefaultValueFactory = _ => "inforisk" };
var serviceId = new Option<string>("--service-id") { Description = "Service id", DefaultValueFactory = _ => "inforisk" };
var password = new Option<string?>("--redis-password") { Description = $"Redis password (better: set {ClusterSettings.RedisPasswordVariable})" };
var tls = new Option<bool>("--redis-tls") { Description = "Connect to Redis over TLS" };
var caFile = new Option<string?>("--redis-ca") { Description = "PEM file of the CA that signed Redis' certificate" };
var tlsCert = new Option<string?>("--tls-cert") { Description = $"PKCS#12 (.pfx) certificate for TLS between silos and clients; its password from {ClusterSettings.TlsPasswordVariable} or --tls-password-file" };
var tlsPasswordFile = new Option<string?>("--tls-password-file") { Description = "File whose first line is the password of --tls-cert" };

var root = new RootCommand("InfoRisk silo: hosts grains of an InfoRisk cluster")
{
    cluster, siloPort, gatewayPort, advertise, clusterId, serviceId, password, tls, caFile, tlsCert, tlsPasswordFile,
};
root.SetAction(async (parse, cancel) =>
{
    if (!IPAddress.TryParse(parse.GetValue(advertise), out var address))
    {
        await Console.Error.WriteLineAsync($"error: --advertise '{parse.GetValue(advertise)}' is not an IP address; allowed: an IPv4 or IPv6 address of this machine");
        return 2;
    }
    if (address.Equals(IPAddress.Any) || address.Equals(IPAddress.IPv6Any))
    {
        await Console.Error.WriteLineAsync($"error: --advertise {address}: other silos and clients must be given a reachable address; allowed: this machine's own address on the cluster network");
        return 2;
    }
    string? certificatePassword;
    try
    {
        certificatePassword = TlsPassword.Read(parse.GetValue(tlsPasswordFile));
    }
    catch (IOException e)
    {
        await Console.Error.WriteLineAsync($"error: {e.Message}");
        return 2;
    }
    var settings = new ClusterSettings
    {
        Redis = parse.GetValue(cluster),
        RedisPassword = parse.GetValue(password) ?? Environment.GetEnvironmentVariable(ClusterSettings.RedisPasswordVariable),
        RedisTls = parse.GetValue(tls),
        RedisCaFile = parse.GetValue(caFile),
        ClusterId = parse.GetValue(clusterId)!,
        ServiceId = parse.GetValue(serviceId)!,
        SiloPort = parse.GetValue(siloPort),
        GatewayPort = parse.GetValue(gatewayPort),
        Advertise = address,
        TlsCertificateFile = parse.GetValue(tlsCert),
        TlsCertificatePassword = certificatePassword,
    };
    var problems = settings.Problems();
    if (problems.Count > 0)
    {
        foreach (var p in problems) await Console.Error.WriteLineAsync($"error: {p}");
        return 2;
    }
    foreach (var warning in ClusterSettings.CommandLineSecretWarnings(settings, parse.GetValue(password) is not null)) await Console.Error.WriteLineAsync(warning);
    try
    {
        var builder = Host.CreateApplicationBuilder();
        SiloSetup.ConfigureLogging(builder.Logging);
        builder.UseOrleans(silo => SiloSetup.ConfigureSilo(silo, settings));
        using var host = builder.Build();
        await host.StartAsync(cancel);
        Console.WriteLine($"silo ready: {settings.Describe()} address={settings.Advertise} silo-port={settings.SiloPort} gateway-port={settings.GatewayPort} pid={Environment.ProcessId}");
        await host.WaitForShutdownAsync(CancellationToken.None); // SIGTERM and Ctrl+C stop the host cleanly (leave the cluster, then exit)
        Console.WriteLine("silo stopped");
        return 0;
    }
    catch (ArgumentException e)
    {
        await Console.Error.WriteLineAsync($"error: {e.Message}");
        return 2;
    }
    catch (Exception e) when (e is not OperationCanceledException)
    {
        await Console.Error.WriteLineAsync($"error: silo could not start: {e.GetType().Name}: {e.Message}");
        return 1;
    }
});
// the host handles SIGTERM itself (graceful leave), so System.CommandLine must not cut it short
return await root.Parse(args).InvokeAsync(new InvocationConfiguration { ProcessTerminationTimeout = null });
