using InfoRisk.Silo;
using StackExchange.Redis;

namespace InfoRisk.Runner.Execution;

/// <summary>
/// A quick look at the cluster's Redis before anything is written: an unreachable server or a wrong password is
/// reported in seconds, with the address (never the password), instead of failing later inside Orleans.
/// </summary>
public static class ClusterProbe
{
    /// <summary>Why the Redis of <paramref name="settings"/> cannot be used, or null when it answers PING.</summary>
    public static async Task<string?> ProblemAsync(ClusterSettings settings, TimeSpan timeout)
    {
        var options = settings.RedisOptions();
        options.AbortOnConnectFail = true;
        options.ConnectTimeout = (int)timeout.TotalMilliseconds;
        options.ConnectRetry = 1;
        options.ClientName = "inforisk-probe";
        try
        {
            await using var connection = await ConnectionMultiplexer.ConnectAsync(options);
            await connection.GetDatabase().PingAsync();
            return null;
        }
        catch (RedisConnectionException e) when (e.FailureType == ConnectionFailureType.AuthenticationFailure)
        {
            return $"--cluster {settings.Describe()}: Redis refused the password (set the right one in {ClusterSettings.RedisPasswordVariable})";
        }
        catch (RedisConnectionException e)
        {
            return $"--cluster {settings.Describe()}: cannot connect to Redis ({e.FailureType}); is the server running and reachable from here?";
        }
        catch (RedisServerException e) when (e.Message.Contains("NOAUTH", StringComparison.Ordinal) || e.Message.Contains("WRONGPASS", StringComparison.Ordinal))
        {
            return $"--cluster {settings.Describe()}: Redis requires a password (set it in {ClusterSettings.RedisPasswordVariable})";
        }
        catch (Exception e) when (e is RedisException or TimeoutException)
        {
            return $"--cluster {settings.Describe()}: Redis did not answer: {e.Message}";
        }
    }
}
