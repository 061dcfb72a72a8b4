using System.CommandLine;
using System.Net;
using InfoRisk.Silo;
using Microsoft.Extensions.Hosting;

// A silo of a real InfoRisk cluster, joined through Redis membership. See docs/operations.md.
var cluster = new Option<string>("--cluster") { Description = "Redis membership address, redis://HOST:PORT (rediss:// for TLS)", Required = true };
var siloPort = new Option<int>("--silo-port") { Description = "Silo-to-silo port", DefaultValueFactory = _ => 11111 };
var gatewayPort = new Option<int>("--gateway-port") { Description = "Client gateway port", DefaultValueFactory = _ => 30000 };
var advertise = new Option<string>("--advertise") { Description = "Address other silos and clients use to reach this silo (default 127.0.0.1)", DefaultValueFactory = _ => "127.0.0.1" };
var clusterId = new Option<string>("--cluster-id") { DefaultValueFactory = _ => "inforisk" };
var serviceId = new Option<string>("--service-id") { DefaultValueFactory = _ => "inforisk" };
var password = new Option<string?>("--redis-password") { Description = "Redis password (or set INFORISK_REDIS_PASSWORD)" };
var tls = new Option<bool>("--redis-tls") { Description = "Connect to Redis over TLS" };
var caFile = new Option<string?>("--redis-ca") { Description = "PEM file of the CA that signed Redis' certificate" };

var root = new RootCommand("InfoRisk silo: hosts grains of an InfoRisk cluster") { cluster, siloPort, gatewayPort, advertise, clusterId, serviceId, password, tls, caFile };
root.SetAction(async (parse, cancel) =>
{
    if (!IPAddress.TryParse(parse.GetValue(advertise), out var address))
    {
        await Console.Error.WriteLineAsync($"error: --advertise '{parse.GetValue(advertise)}' is not an IP address");
        return 2;
    }
    var settings = new ClusterSettings
    {
        Redis = parse.GetValue(cluster),
        RedisPassword = parse.GetValue(password) ?? Environment.GetEnvironmentVariable("INFORISK_REDIS_PASSWORD"),
        RedisTls = parse.GetValue(tls),
        RedisCaFile = parse.GetValue(caFile),
        ClusterId = parse.GetValue(clusterId)!,
        ServiceId = parse.GetValue(serviceId)!,
        SiloPort = parse.GetValue(siloPort),
        GatewayPort = parse.GetValue(gatewayPort),
        Advertise = address,
    };
    var builder = Host.CreateApplicationBuilder();
    SiloSetup.ConfigureLogging(builder.Logging);
    builder.UseOrleans(silo => SiloSetup.ConfigureSilo(silo, settings));
    using var host = builder.Build();
    await host.StartAsync(cancel);
    Console.WriteLine($"silo ready: {settings.Describe()} silo-port={settings.SiloPort} gateway-port={settings.GatewayPort}");
    await host.WaitForShutdownAsync(cancel); // SIGTERM and Ctrl+C stop the host cleanly
    return 0;
});
return await root.Parse(args).InvokeAsync();
