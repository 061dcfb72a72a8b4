using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using InfoRisk.Grains;
using InfoRisk.Model.Configuration;
using ClusterClient = InfoRisk.Runner.Execution.Engine;

namespace InfoRisk.Tests.Cluster;

/// <summary>
/// A real cluster: a Redis-protocol server on a free loopback port and three silo processes (dotnet InfoRisk.Silo.dll),
/// with the runner as an Orleans client. Each test runs twice: against Garnet in the test process
/// (<see cref="GarnetClusterTests"/>, always), and against Debian's redis-server (<see cref="RedisServerClusterTests"/>:
/// skipped when it is not installed, failed under INFORISK_REQUIRE_SYSTEM_PACKAGES=1). Each test starts its own cluster
/// and stops it at the end; the tests of one backend run one after another, the two backends side by side.
/// </summary>
public abstract class RealClusterTests
{
    /// <summary>The Redis backend: <see cref="RedisBackend.Garnet"/> or <see cref="RedisBackend.RedisServer"/>.</summary>
    protected abstract string Backend { get; }

    /// <summary>Guard against a hang (the assertions are about files, not time).</summary>
    private static readonly TimeSpan Hang = TimeSpan.FromMinutes(15);

    [SkippableFact]
    public async Task SiloKilledMidRunStillGivesIdenticalFiles()
    {
        var expected = await ClusterExperiment.EmbeddedAsync();
        await using var cluster = await LocalCluster.StartAsync(Backend, silos: 3);
        await using var observer = await ClusterClient.ConnectAsync(cluster.Settings, CancellationToken.None);
        var management = observer.Grains.GetGrain<IManagementGrain>(0);

        var run = ClusterExperiment.RunAsync(ClusterExperiment.File, cluster.Settings);

        // wait until a silo hosts subject cohorts of a run in flight, then kill -9 that silo
        SiloAddress? victim = null;
        while (victim is null)
        {
            Assert.False(run.IsCompleted, "the experiment finished before any silo was seen hosting its cohorts");
            var activations = await management.GetDetailedGrainStatistics();
            victim = activations.Where(a => a.GrainId.ToString().Contains("/cluster/", StringComparison.Ordinal) && a.GrainId.ToString().Contains("/s", StringComparison.Ordinal))
                .Select(a => a.SiloAddress).FirstOrDefault();
            if (victim is null) await Task.Delay(100);
        }
        Assert.False(run.IsCompleted, "the experiment finished before the kill");
        var silo = cluster.Silos.Single(s => s.SiloPort == victim.Endpoint.Port);
        silo.Process.Kill();

        var (code, _, error, outDir) = await run.WaitAsync(Hang);

        Assert.True(code == 0, $"{error}\n{cluster.Logs()}");
        Assert.True(silo.Process.HasExited);
        // the recovery path was taken: at least one attempt was lost and rerun from its seed
        Assert.Contains("lost", error, StringComparison.Ordinal);
        Assert.Contains("rerunning it from its seed", error, StringComparison.Ordinal);
        ClusterExperiment.AssertSameFiles(expected, outDir);
    }

    [SkippableFact]
    public async Task CohortsAndCoordinatorsSpreadOverTheSilos()
    {
        await using var cluster = await LocalCluster.StartAsync(Backend, silos: 3);
        await using var client = await ClusterClient.ConnectAsync(cluster.Settings, CancellationToken.None);
        var management = client.Grains.GetGrain<IManagementGrain>(0);
        Assert.Equal(3, await client.SiloCountAsync());

        // 12 runs of 12 subject cohorts and 3 user cohorts each
        var specs = Enumerable.Range(0, 12).Select(i => new RunSpec
        {
            RunId = $"spread/{Guid.NewGuid():N}/{i}",
            Seed = (ulong)i + 1,
            Ticks = 5,
            CohortSize = 100,
            Population = new Population { Subjects = 1_200, Users = 300, Providers = 2, Deployers = 2 },
            Regime = RegimeCatalog.Get("use-first"),
        }).ToArray();
        var coordinators = specs.Select(s => client.Grains.GetGrain<IRunCoordinatorGrain>(s.RunId)).ToArray();
        await Task.WhenAll(coordinators.Select((c, i) => c.Initialise(specs[i].ToJson()))).WaitAsync(Hang);
        try
        {
            var coordinatorSilos = new HashSet<SiloAddress>();
            for (var i = 0; i < specs.Length; i++)
            {
                coordinatorSilos.Add(await management.GetActivationAddress(coordinators[i]) ?? throw new InvalidOperationException($"coordinator {i} is not active"));
                var cohorts = Enumerable.Range(0, specs[i].SubjectCohorts).Select(c => (IAddressable)client.Grains.GetGrain<ISubjectCohortGrain>($"{specs[i].RunId}/s{c}"))
                    .Concat(Enumerable.Range(0, specs[i].UserCohorts).Select(c => (IAddressable)client.Grains.GetGrain<IUserCohortGrain>($"{specs[i].RunId}/u{c}")))
                    .ToArray();
                Assert.Equal(15, cohorts.Length);
                var cohortSilos = new HashSet<SiloAddress>();
                foreach (var cohort in cohorts)
                    cohortSilos.Add(await management.GetActivationAddress(cohort) ?? throw new InvalidOperationException($"a cohort of run {i} is not active"));
                Assert.True(cohortSilos.Count >= 2, $"run {i}: its 15 cohorts all live on {string.Join(", ", cohortSilos)}");
            }
            Assert.True(coordinatorSilos.Count >= 2, $"all 12 coordinators live on {string.Join(", ", coordinatorSilos)}");
        }
        finally
        {
            await Task.WhenAll(coordinators.Select(c => c.Release()));
        }

        // SIGTERM: the silo leaves the cluster cleanly and exits with code 0
        var silo = cluster.Silos[0].Process;
        Assert.Equal(0, await silo.TerminateAsync(TimeSpan.FromMinutes(2)));
        Assert.Contains("silo stopped", silo.Output, StringComparison.Ordinal);
    }

    /// <summary>
    /// Three silo processes behind a password-protected Redis, with TLS between silos and runner, give the embedded
    /// silo's files byte for byte, and no secret appears anywhere.
    /// </summary>
    [SkippableFact]
    public async Task ThreeTlsSilosBehindAPasswordGiveTheEmbeddedSilosFilesWithoutLeakingSecrets()
    {
        var expected = await ClusterExperiment.EmbeddedAsync();
        var folder = Directory.CreateTempSubdirectory("inforisk-tls-").FullName;
        var redisPassword = $"redis-{Guid.NewGuid():N}";
        var certificatePassword = $"pfx-{Guid.NewGuid():N}";
        var certificate = Path.Combine(folder, "cluster.pfx");
        await File.WriteAllBytesAsync(certificate, SelfSignedPfx(certificatePassword));
        try
        {
            await using var cluster = await LocalCluster.StartAsync(Backend, silos: 3, redisPassword, certificate, certificatePassword);

            var (code, output, error, outDir) = await ClusterExperiment.RunAsync(ClusterExperiment.File, cluster.Settings).WaitAsync(Hang);

            Assert.True(code == 0, $"{error}\n{cluster.Logs()}");
            ClusterExperiment.AssertSameFiles(expected, outDir);
            var manifest = await File.ReadAllTextAsync(Path.Combine(outDir, "manifest.json"));
            Assert.Contains("tls", manifest, StringComparison.Ordinal);
            Assert.Contains("\"silos\": 3", manifest, StringComparison.Ordinal);
            Assert.Contains($"redis://127.0.0.1:{cluster.Redis.Port}", output, StringComparison.Ordinal);
            foreach (var (what, text) in new[] { ("manifest.json", manifest), ("run output", output + error), ("silo logs", cluster.Logs()) })
            {
                Assert.DoesNotContain(redisPassword, text, StringComparison.Ordinal);
                Assert.DoesNotContain(certificatePassword, text, StringComparison.Ordinal);
                _ = what;
            }
            foreach (var file in Directory.EnumerateFiles(outDir, "*", SearchOption.AllDirectories))
            {
                var text = await File.ReadAllTextAsync(file);
                Assert.False(text.Contains(redisPassword, StringComparison.Ordinal), $"{file} holds the Redis password");
                Assert.False(text.Contains(certificatePassword, StringComparison.Ordinal), $"{file} holds the certificate password");
            }

            // the silos really require TLS: a client without the certificate cannot join (refused, or no answer in 10 s)
            var plain = cluster.Settings with { TlsCertificateFile = null, TlsCertificatePassword = null };
            using var giveUp = new CancellationTokenSource(TimeSpan.FromSeconds(10));
            var refused = await Record.ExceptionAsync(async () =>
            {
                await using var intruder = await ClusterClient.ConnectAsync(plain, giveUp.Token).WaitAsync(giveUp.Token);
                await intruder.SiloCountAsync().WaitAsync(giveUp.Token);
            });
            Assert.NotNull(refused);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    /// <summary>A self-signed cluster certificate (RSA 2048, CN=inforisk-test) as a password-protected PKCS#12 file.</summary>
    private static byte[] SelfSignedPfx(string password)
    {
        using var key = RSA.Create(2048);
        var request = new CertificateRequest("CN=inforisk-test", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        var names = new SubjectAlternativeNameBuilder();
        names.AddDnsName("inforisk-test");
        request.CertificateExtensions.Add(names.Build());
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid("1.3.6.1.5.5.7.3.1"), new Oid("1.3.6.1.5.5.7.3.2")], critical: false));
        using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(30));
        return certificate.Export(X509ContentType.Pfx, password);
    }
}

/// <summary>The cluster tests against Microsoft Garnet, started in the test process: they need nothing but the .NET SDK.</summary>
public sealed class GarnetClusterTests : RealClusterTests
{
    protected override string Backend => RedisBackend.Garnet;
}

/// <summary>The cluster tests against Debian's redis-server (apt-get install redis-server).</summary>
public sealed class RedisServerClusterTests : RealClusterTests
{
    protected override string Backend => RedisBackend.RedisServer;
}
