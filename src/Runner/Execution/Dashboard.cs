using System.Globalization;
using System.Net;
using System.Net.Sockets;
using InfoRisk.Silo;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Orleans.Dashboard;

namespace InfoRisk.Runner.Execution;

/// <summary>
/// The Orleans Dashboard (Microsoft.Orleans.Dashboard, ASP.NET Core) served while a run goes on: the embedded silo
/// collects grain and message statistics (<see cref="ConfigureSilo"/>), and a small web host in this process, an
/// Orleans client of that silo, serves the pages on a loopback address.
/// </summary>
/// <remarks>
/// The dashboard has no authentication and shows every grain's type, counts and state, so it listens on loopback
/// only, unless the researcher explicitly allows another address (<c>--dashboard-allow-remote</c>).
/// </remarks>
public sealed class Dashboard : IAsyncDisposable
{
    /// <summary>The address used by a bare <c>--dashboard</c>.</summary>
    public const string DefaultAddress = "127.0.0.1:8080";

    private readonly WebApplication _app;

    private Dashboard(WebApplication app, Uri url)
    {
        _app = app;
        Url = url;
    }

    /// <summary>Where the dashboard answers, e.g. http://127.0.0.1:8080/.</summary>
    public Uri Url { get; }

    /// <summary>
    /// Reads "PORT", "HOST:PORT" or "[IPv6]:PORT" (HOST: an IP address or localhost; PORT 0 picks a free port).
    /// Returns null and a reason when the address is malformed, or not loopback and <paramref name="allowRemote"/> is false.
    /// </summary>
    public static IPEndPoint? ParseAddress(string? text, bool allowRemote, out string problem)
    {
        problem = "";
        var value = string.IsNullOrWhiteSpace(text) ? DefaultAddress : text.Trim();
        string host;
        string portText;
        if (!value.Contains(':', StringComparison.Ordinal))
        {
            host = "127.0.0.1";
            portText = value;
        }
        else if (value.StartsWith('['))
        {
            var close = value.IndexOf("]:", StringComparison.Ordinal);
            if (close < 0)
            {
                problem = $"'{value}' is not an address; allowed: PORT, HOST:PORT or [IPv6]:PORT, e.g. {DefaultAddress}";
                return null;
            }
            host = value[1..close];
            portText = value[(close + 2)..];
        }
        else
        {
            var colon = value.LastIndexOf(':');
            host = value[..colon];
            portText = value[(colon + 1)..];
        }
        if (!int.TryParse(portText, NumberStyles.None, CultureInfo.InvariantCulture, out var port) || port > IPEndPoint.MaxPort)
        {
            problem = $"'{portText}' in '{value}' is not a port; allowed: 0 (any free port) to {IPEndPoint.MaxPort}";
            return null;
        }
        IPAddress address;
        if (string.Equals(host, "localhost", StringComparison.OrdinalIgnoreCase)) address = IPAddress.Loopback;
        else if (!IPAddress.TryParse(host, out address!))
        {
            problem = $"'{host}' is not an IP address; allowed: 127.0.0.1, ::1, localhost, or (with --dashboard-allow-remote) another IP address of this machine";
            return null;
        }
        if (!IPAddress.IsLoopback(address) && !allowRemote)
        {
            problem = $"{address} is not a loopback address: the dashboard has no authentication and shows every grain, so it listens on loopback only (127.0.0.1 or ::1); add --dashboard-allow-remote to serve it on {address}";
            return null;
        }
        return new IPEndPoint(address, port);
    }

    /// <summary>Null when <paramref name="endpoint"/> can be listened on now; otherwise why not (checked before anything starts).</summary>
    public static string? CheckFree(IPEndPoint endpoint)
    {
        if (endpoint.Port == 0) return null;
        var listener = new TcpListener(endpoint);
        try
        {
            listener.Start();
            return null;
        }
        catch (SocketException e)
        {
            return $"cannot serve the dashboard on {Format(endpoint)}: {e.Message}; choose another port, e.g. --dashboard 127.0.0.1:0 for any free port";
        }
        finally
        {
            listener.Stop();
        }
    }

    /// <summary>Adds the dashboard's statistics collection to the embedded silo.</summary>
    public static void ConfigureSilo(ISiloBuilder silo) => silo.AddDashboard();

    /// <summary>Starts the web host on <paramref name="endpoint"/>, as an Orleans client of the silo described by <paramref name="silo"/>.</summary>
    public static async Task<Dashboard> StartAsync(IPEndPoint endpoint, ClusterSettings silo, CancellationToken cancel)
    {
        var builder = WebApplication.CreateSlimBuilder();
        SiloSetup.ConfigureLogging(builder.Logging);
        builder.Logging.AddFilter("Microsoft.Extensions.Hosting", LogLevel.None); // a failed start is reported as one error line by the caller
        builder.WebHost.UseKestrel(k => k.Listen(endpoint));
        builder.UseOrleansClient(client =>
        {
            SiloSetup.ConfigureClient(client, silo);
            client.AddDashboard();
        });
        var app = builder.Build();
        app.MapOrleansDashboard();
        try
        {
            await app.StartAsync(cancel);
        }
        catch (IOException e) when (e.InnerException is SocketException || e.Message.Contains("address already in use", StringComparison.OrdinalIgnoreCase))
        {
            await app.DisposeAsync();
            throw new DashboardAddressException($"cannot serve the dashboard on {endpoint}: {e.Message}; choose another port, e.g. --dashboard 127.0.0.1:0 for any free port", e);
        }
        var addresses = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses;
        var bound = addresses?.FirstOrDefault() ?? $"http://{Format(endpoint)}";
        var url = new Uri(bound.EndsWith('/') ? bound : bound + "/");
        return new Dashboard(app, url);
    }

    private static string Format(IPEndPoint endpoint) =>
        endpoint.AddressFamily == AddressFamily.InterNetworkV6 ? $"[{endpoint.Address}]:{endpoint.Port}" : $"{endpoint.Address}:{endpoint.Port}";

    public async ValueTask DisposeAsync()
    {
        try
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(5));
            await _app.StopAsync(timeout.Token);
        }
        finally
        {
            await _app.DisposeAsync();
        }
    }
}

/// <summary>The dashboard's address cannot be used (e.g. the port is taken): bad input, exit code 2.</summary>
public sealed class DashboardAddressException(string message, Exception inner) : Exception(message, inner);
