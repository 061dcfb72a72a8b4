using InfoRisk.Runner.Commands;

namespace InfoRisk.Runner.Explorer;

/// <summary><c>inforisk explore [--port P]</c>: serves the what-if explorer on 127.0.0.1 until Ctrl-C.</summary>
public static class ExplorerCommand
{
    public static async Task<int> ExecuteAsync(int port, TextWriter output, TextWriter error, CancellationToken cancel)
    {
        if (port is < 0 or > 65535)
        {
            await error.WriteLineAsync($"error: --port {port} is not a port; allowed: 0 (any free port) to 65535. Nothing was started.");
            return ExitCodes.BadInput;
        }
        ExplorerServer server;
        try
        {
            server = await ExplorerServer.StartAsync(port, cancel);
        }
        catch (ExplorerAddressException e)
        {
            await error.WriteLineAsync($"error: {e.Message}. Nothing was started.");
            return ExitCodes.BadInput;
        }
        catch (OperationCanceledException)
        {
            return ExitCodes.Cancelled;
        }
        await using (server)
        {
            await output.WriteLineAsync($"explorer: {server.Url} (loopback only; Ctrl-C stops it)");
            await output.WriteLineAsync("it reads and writes no file: 'Save as experiment' downloads the experiment file through the browser");
            try
            {
                await server.WarmUpAsync(cancel);
            }
            catch (OperationCanceledException)
            {
                // stopping before the warm-up finished
            }
            await server.WaitAsync(cancel);
            await output.WriteLineAsync("explorer stopped");
        }
        return ExitCodes.Ok;
    }
}
