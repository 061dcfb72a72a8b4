using System.CommandLine;
using InfoRisk.Runner;
using InfoRisk.Runner.Commands;
using InfoRisk.Silo;

return await Cli.RunAsync(args);

namespace InfoRisk.Runner
{
    /// <summary>The command line: run, validate, regimes, plot.</summary>
    public static class Cli
    {
        /// <summary>
        /// Parses and runs a command line. A command line that does not parse (an unknown option, a value that is not
        /// allowed such as --lang fr, a missing argument) is bad input: its errors and exit code 2, nothing run.
        /// </summary>
        public static async Task<int> RunAsync(string[] args, TextWriter? error = null)
        {
            error ??= Console.Error;
            var parse = Build().Parse(args);
            if (parse.Errors.Count > 0)
            {
                foreach (var e in parse.Errors) await error.WriteLineAsync($"error: {e.Message}");
                var command = string.Join(' ', parse.CommandResult.Command is RootCommand ? [] : new[] { parse.CommandResult.Command.Name });
                await error.WriteLineAsync($"see 'inforisk {(command.Length > 0 ? command + " " : "")}--help'. Nothing was run and nothing was written.");
                return ExitCodes.BadInput;
            }
            // Ctrl-C cancels the run; up to 15 s (System.CommandLine's default: 2 s) for runs in flight and a chart being
            // drawn to stop, so that the partial folder is closed cleanly and the "kept for --resume" line is printed
            return await parse.InvokeAsync(new InvocationConfiguration { ProcessTerminationTimeout = TimeSpan.FromSeconds(15) });
        }

        public static RootCommand Build()
        {
            var experimentArgument = new Argument<string>("experiment") { Description = "Experiment file (JSON, comments allowed)" };
            var outOption = new Option<string>("--out", "-o") { Description = "Result folder to create", Required = true };
            var cohortSize = new Option<int?>("--cohort-size") { Description = "Subjects per cohort grain (an engine setting: never changes results)" };
            var concurrency = new Option<int?>("--concurrency") { Description = "Runs in flight at once (default: 2 x cores)" };
            var cluster = new Option<string?>("--cluster") { Description = "Run on an existing cluster: redis://HOST:PORT (default: an embedded silo)" };
            var clusterId = new Option<string>("--cluster-id") { DefaultValueFactory = _ => "inforisk" };
            var serviceId = new Option<string>("--service-id") { DefaultValueFactory = _ => "inforisk" };
            var redisPassword = new Option<string?>("--redis-password") { Description = "Redis password (or INFORISK_REDIS_PASSWORD)" };
            var redisTls = new Option<bool>("--redis-tls") { Description = "Connect to Redis over TLS" };
            var redisCa = new Option<string?>("--redis-ca") { Description = "PEM file of the CA that signed Redis' certificate" };
            var tlsCert = new Option<string?>("--tls-cert") { Description = $"PKCS#12 (.pfx) certificate of a TLS cluster; its password from {ClusterSettings.TlsPasswordVariable} or --tls-password-file" };
            var tlsPasswordFile = new Option<string?>("--tls-password-file") { Description = "File whose first line is the password of --tls-cert" };
            var gatewayPort = new Option<int>("--gateway-port") { Description = "Gateway port when --cluster is localhost clustering", DefaultValueFactory = _ => 30000 };
            var quiet = new Option<bool>("--quiet", "-q") { Description = "Print nothing but errors (for scripts)" };
            var dashboard = new Option<string?>("--dashboard")
            {
                Description = $"Serve the Orleans Dashboard while the run goes on, on ADDRESS (PORT, HOST:PORT; default {Execution.Dashboard.DefaultAddress}; port 0: any free port); loopback only",
                Arity = ArgumentArity.ZeroOrOne,
                HelpName = "ADDRESS",
            };
            var dashboardAllowRemote = new Option<bool>("--dashboard-allow-remote") { Description = "Allow a --dashboard address that is not loopback (the dashboard has no authentication)" };
            var noPlots = new Option<bool>("--no-plots") { Description = "Skip the charts" };
            var format = new Option<string>("--format") { Description = "csv (the default), or parquet: also timeseries/ and runs/ as Parquet, one part per run, money as integer fen", DefaultValueFactory = _ => "csv" };
            format.AcceptOnlyFromAmong("csv", "parquet");
            var resume = new Option<bool>("--resume") { Description = "Continue an interrupted run of the same --out, skipping finished runs (byte-identical result)" };

            var run = new Command("run", "Run an experiment and write CSVs and charts atomically into --out")
            {
                experimentArgument, outOption, cohortSize, concurrency, cluster, clusterId, serviceId, redisPassword, redisTls, redisCa, tlsCert, tlsPasswordFile, gatewayPort, quiet, noPlots, format, resume, dashboard, dashboardAllowRemote,
            };
            run.SetAction(async (parse, cancel) =>
            {
                var address = parse.GetValue(cluster);
                string? certificatePassword;
                try
                {
                    certificatePassword = TlsPassword.Read(parse.GetValue(tlsPasswordFile));
                }
                catch (IOException e)
                {
                    await Console.Error.WriteLineAsync($"error: {e.Message}");
                    return ExitCodes.BadInput;
                }
                ClusterSettings? settings = address is null ? null : new ClusterSettings
                {
                    Redis = address,
                    RedisPassword = parse.GetValue(redisPassword) ?? Environment.GetEnvironmentVariable(ClusterSettings.RedisPasswordVariable),
                    RedisTls = parse.GetValue(redisTls),
                    RedisCaFile = parse.GetValue(redisCa),
                    TlsCertificateFile = parse.GetValue(tlsCert),
                    TlsCertificatePassword = certificatePassword,
                    ClusterId = parse.GetValue(clusterId)!,
                    ServiceId = parse.GetValue(serviceId)!,
                    GatewayPort = parse.GetValue(gatewayPort),
                };
                return await Guard(() => RunCommand.ExecuteAsync(new RunOptions
                {
                    ExperimentPath = parse.GetValue(experimentArgument)!,
                    OutDirectory = parse.GetValue(outOption)!,
                    CohortSize = parse.GetValue(cohortSize),
                    Concurrency = parse.GetValue(concurrency),
                    Cluster = settings,
                    Quiet = parse.GetValue(quiet),
                    NoPlots = parse.GetValue(noPlots),
                    Parquet = parse.GetValue(format) == "parquet",
                    Resume = parse.GetValue(resume),
                    Dashboard = parse.GetResult(dashboard) is null ? null : parse.GetValue(dashboard) ?? Execution.Dashboard.DefaultAddress,
                    DashboardAllowRemote = parse.GetValue(dashboardAllowRemote),
                    RedisPasswordOnCommandLine = parse.GetValue(redisPassword) is not null,
                }, Console.Out, Console.Error, cancel));
            });

            var validateArgument = new Argument<string>("experiment") { Description = "Experiment file to check" };
            var validate = new Command("validate", "Check an experiment file and list every problem") { validateArgument };
            validate.SetAction(parse => Guard(() => InfoCommands.ValidateAsync(parse.GetValue(validateArgument)!, Console.Out, Console.Error)));

            var regimes = new Command("regimes", "List the built-in regimes and their levers");
            regimes.SetAction(_ => Guard(() => InfoCommands.RegimesAsync(Console.Out)));

            var resultsArgument = new Argument<string>("results") { Description = "A result folder (CSV files and manifest.json)" };
            var lang = new Option<string>("--lang") { Description = "Label language", DefaultValueFactory = _ => "en" };
            lang.AcceptOnlyFromAmong("en", "zh");
            var font = new Option<string?>("--font") { Description = "TTF/OTF/TTC font file for the labels" };
            var widthIn = new Option<double>("--width-in") { Description = "Figure width in inches (3.5 one column, 7 two columns)", DefaultValueFactory = _ => 7.0 };
            var dpi = new Option<int>("--dpi") { Description = "PNG resolution", DefaultValueFactory = _ => 300 };
            var plot = new Command("plot", "Re-render every chart from a result folder's CSVs") { resultsArgument, lang, font, widthIn, dpi };
            plot.SetAction(parse => Guard(() => PlotCommand.ExecuteAsync(parse.GetValue(resultsArgument)!,
                new Plotting.ChartOptions { Language = parse.GetValue(lang)!, FontPath = parse.GetValue(font), WidthInches = parse.GetValue(widthIn), Dpi = parse.GetValue(dpi) },
                Console.Out, Console.Error)));

            var schema = new Command("schema", "Print the JSON Schema of experiment files (experiments/schema.json)");
            schema.SetAction(_ =>
            {
                Console.Out.Write(Experiments.ExperimentSchema.Generate());
                return ExitCodes.Ok;
            });

            var markdown = new Option<bool>("--markdown") { Description = "Print docs/parameters.md (Markdown) instead of a plain table" };
            var parameters = new Command("parameters", "List every model parameter: mechanism, range, unit, default and source") { markdown };
            parameters.SetAction(parse =>
            {
                Console.Out.Write(parse.GetValue(markdown) ? ReferenceTables.ParametersMarkdown() : ReferenceTables.ParametersText());
                return ExitCodes.Ok;
            });

            var benchSubjects = new Option<int>("--subjects") { Description = "Data subjects", DefaultValueFactory = _ => 1_000_000 };
            var benchTicks = new Option<int>("--ticks") { Description = "Ticks (days)", DefaultValueFactory = _ => 365 };
            var benchRegime = new Option<string>("--regime") { Description = "Built-in regime", DefaultValueFactory = _ => "precautionary" };
            var benchUsers = new Option<int?>("--users") { Description = "Users (default: 0.3 per subject)" };
            var benchProviders = new Option<int>("--providers") { DefaultValueFactory = _ => 3 };
            var benchDeployers = new Option<int>("--deployers") { DefaultValueFactory = _ => 20 };
            var benchSeed = new Option<ulong>("--seed") { DefaultValueFactory = _ => 1UL };
            var benchOnly = new Option<string?>("--only") { Description = "Measure one engine only (engine, plain or reference): no comparison, no summary line" };
            var benchNoWarmup = new Option<bool>("--no-warmup") { Description = "Skip the small unmeasured warm-up run" };
            var bench = new Command("bench", "Benchmark: the full model on the Orleans engine (all cores) against the plain single-threaded loop")
            {
                benchSubjects, benchTicks, benchRegime, benchUsers, benchProviders, benchDeployers, cohortSize, benchSeed, benchOnly, benchNoWarmup,
            };
            bench.SetAction((parse, cancel) => Guard(() => BenchCommand.ExecuteAsync(new BenchOptions
            {
                Subjects = parse.GetValue(benchSubjects),
                Ticks = parse.GetValue(benchTicks),
                Regime = parse.GetValue(benchRegime)!,
                Users = parse.GetValue(benchUsers),
                Providers = parse.GetValue(benchProviders),
                Deployers = parse.GetValue(benchDeployers),
                CohortSize = parse.GetValue(cohortSize),
                Seed = parse.GetValue(benchSeed),
                Only = parse.GetValue(benchOnly),
                NoWarmup = parse.GetValue(benchNoWarmup),
            }, Console.Out, Console.Error, cancel)));

            var calRegime = new Option<string>("--regime") { Description = "Regime the firms choose under", DefaultValueFactory = _ => "dynamic-balance" };
            var calSubjects = new Option<int>("--subjects") { DefaultValueFactory = _ => 20_000 };
            var calReplicates = new Option<int>("--replicates") { DefaultValueFactory = _ => 4 };
            var calSeed = new Option<ulong>("--seed") { DefaultValueFactory = _ => 1UL };
            var calSet = new Option<string[]>("--set") { Description = "Set a model parameter for this check: name=value (repeatable)", AllowMultipleArgumentsPerToken = false };
            var calOut = new Option<string?>("--out", "-o") { Description = "Write the report as CSV to this file" };
            var calibrate = new Command("calibrate", "Run 24 months and check each calibration target against its source (exit 1 when one is out of range)")
            {
                calRegime, calSubjects, calReplicates, calSeed, calSet, calOut,
            };
            calibrate.SetAction((parse, cancel) => Guard(() => CalibrateCommand.ExecuteAsync(new CalibrateOptions
            {
                Regime = parse.GetValue(calRegime)!,
                Subjects = parse.GetValue(calSubjects),
                Replicates = parse.GetValue(calReplicates),
                Seed = parse.GetValue(calSeed),
                Set = parse.GetValue(calSet) ?? [],
                Out = parse.GetValue(calOut),
            }, Console.Out, Console.Error)));

            var explorePort = new Option<int>("--port") { Description = "Port on 127.0.0.1 (0: any free port)", DefaultValueFactory = _ => Explorer.ExplorerServer.DefaultPort };
            var explore = new Command("explore", "Serve the what-if explorer in the browser on 127.0.0.1 (levers, presets, live paired comparison)") { explorePort };
            explore.SetAction((parse, cancel) => Guard(() => Explorer.ExplorerCommand.ExecuteAsync(parse.GetValue(explorePort), Console.Out, Console.Error, cancel)));

            var reportResults = new Argument<string>("results") { Description = "A result folder (CSV files and manifest.json)" };
            var reportLang = new Option<string>("--lang") { Description = "Language of the report and its charts", DefaultValueFactory = _ => "en" };
            reportLang.AcceptOnlyFromAmong("en", "zh");
            var reportOut = new Option<string?>("--out", "-o") { Description = "HTML file to write (default: RESULTS-report.html beside the folder)" };
            var report = new Command("report", "Write one self-contained HTML report of a result folder") { reportResults, reportLang, reportOut };
            report.SetAction((parse, cancel) => Guard(() => Report.ReportCommand.ExecuteAsync(parse.GetValue(reportResults)!, parse.GetValue(reportLang)!, parse.GetValue(reportOut), Console.Out, Console.Error, cancel)));

            var discoverResults = new Argument<string>("results") { Description = "A result folder of a sweep, Latin hypercube or sensitivity design (runs.csv)" };
            var discoverMetric = new Option<string>("--metric", "-m") { Description = "The metric (a column of runs.csv)", Required = true };
            var discoverCompare = new Option<string?>("--compare") { Description = "A:B: cases of interest are the scenarios where A's paired advantage over B is at most --threshold (default 0: it vanishes or reverses)" };
            var discoverThreshold = new Option<double?>("--threshold") { Description = "With --compare: the largest advantage still of interest (default 0); without: cases of interest have a mean of at least this" };
            var discoverRegime = new Option<string?>("--regime") { Description = "Without --compare: the regime whose scenario means are tested (default: the first)" };
            var discoverBetter = new Option<string?>("--better") { Description = "Which direction of the metric is better (default: lower, or higher for welfare, service value, quality, trust and profit)" };
            discoverBetter.AcceptOnlyFromAmong("lower", "higher");
            var discoverOut = new Option<string?>("--out", "-o") { Description = "Folder to write (default: RESULTS/discovery, replaced when it exists)" };
            var discoverAlpha = new Option<double>("--alpha") { Description = "Share of the box's points peeled per step", DefaultValueFactory = _ => 0.05 };
            var discoverMinMass = new Option<double>("--min-mass") { Description = "Smallest share of all scenarios a box may keep", DefaultValueFactory = _ => 0.05 };
            var discoverDensity = new Option<double>("--target-density") { Description = "The box chosen: highest coverage among boxes with at least this density", DefaultValueFactory = _ => 0.8 };
            var discoverBootstrap = new Option<int>("--bootstrap") { Description = "Bootstrap resamples for each dimension's stability (0: none)", DefaultValueFactory = _ => 50 };
            var discover = new Command("discover", "Scenario discovery (PRIM): where in the swept inputs does a regime's advantage vanish?")
            {
                discoverResults, discoverMetric, discoverCompare, discoverThreshold, discoverRegime, discoverBetter, discoverOut, discoverAlpha, discoverMinMass, discoverDensity, discoverBootstrap, noPlots, quiet,
            };
            discover.SetAction(parse => Guard(() => Decisions.DiscoverCommand.ExecuteAsync(new Decisions.DiscoverOptions
            {
                Results = parse.GetValue(discoverResults)!,
                Metric = parse.GetValue(discoverMetric)!,
                Compare = parse.GetValue(discoverCompare),
                Threshold = parse.GetValue(discoverThreshold),
                Regime = parse.GetValue(discoverRegime),
                Better = parse.GetValue(discoverBetter),
                Out = parse.GetValue(discoverOut),
                Alpha = parse.GetValue(discoverAlpha),
                MinMass = parse.GetValue(discoverMinMass),
                TargetDensity = parse.GetValue(discoverDensity),
                Bootstrap = parse.GetValue(discoverBootstrap),
                NoPlots = parse.GetValue(noPlots),
                Quiet = parse.GetValue(quiet),
            }, Console.Out, Console.Error)));

            var attributeBase = new Argument<string>("A") { Description = "Base regime: a built-in name or a regime file" };
            var attributeTarget = new Argument<string>("B") { Description = "Target regime: a built-in name or a regime file" };
            var attributeMetric = new Option<string?>("--metric", "-m") { Description = "The metric: a column of runs.csv (default: total harm)" };
            var attributeSubjects = new Option<int>("--subjects") { Description = "Data subjects per run", DefaultValueFactory = _ => 10_000 };
            var attributeTicks = new Option<int>("--ticks") { Description = "Ticks (days) per run", DefaultValueFactory = _ => 365 };
            var attributeReplicates = new Option<int>("--replicates") { Description = "Paired replicates (same seeds in every coalition)", DefaultValueFactory = _ => 10 };
            var attributeSeed = new Option<ulong>("--seed") { Description = "Master seed (replicate seeds and sampled orders)", DefaultValueFactory = _ => 1UL };
            var attributePermutations = new Option<int>("--permutations") { Description = "Sampled lever orders when more than --max-exact levers differ", DefaultValueFactory = _ => 32 };
            var attributeMaxExact = new Option<int>("--max-exact") { Description = "Most differing levers for exact enumeration (2^k coalitions)", DefaultValueFactory = _ => 8 };
            var attributeOut = new Option<string>("--out", "-o") { Description = "Folder to create", Required = true };
            var attribute = new Command("attribute", "Shapley attribution of the paired difference B - A to the levers in which the two regimes differ")
            {
                attributeBase, attributeTarget, attributeMetric, attributeSubjects, attributeTicks, attributeReplicates, attributeSeed, attributePermutations, attributeMaxExact, attributeOut, concurrency, noPlots, quiet,
            };
            attribute.SetAction((parse, cancel) => Guard(() => Decisions.AttributeCommand.ExecuteAsync(new Decisions.AttributeOptions
            {
                Base = parse.GetValue(attributeBase)!,
                Target = parse.GetValue(attributeTarget)!,
                Metric = parse.GetValue(attributeMetric),
                Subjects = parse.GetValue(attributeSubjects),
                Ticks = parse.GetValue(attributeTicks),
                Replicates = parse.GetValue(attributeReplicates),
                Seed = parse.GetValue(attributeSeed),
                Permutations = parse.GetValue(attributePermutations),
                MaxExact = parse.GetValue(attributeMaxExact),
                Out = parse.GetValue(attributeOut)!,
                Concurrency = parse.GetValue(concurrency),
                NoPlots = parse.GetValue(noPlots),
                Quiet = parse.GetValue(quiet),
            }, Console.Out, Console.Error, cancel)));

            var metrics = new Command("metrics", "Print the metric table of docs/outputs.md §3 (Markdown rows): column, unit, flow or stock, meaning");
            metrics.SetAction(_ =>
            {
                foreach (var row in ReferenceTables.MetricRows()) Console.Out.WriteLine(row);
                return ExitCodes.Ok;
            });

            return new RootCommand("InfoRisk: compare legal regimes for personal information in generative AI by agent-based simulation")
            {
                run, validate, regimes, parameters, metrics, plot, schema, bench, calibrate, explore, report, discover, attribute,
            };
        }

        /// <summary>Turns unexpected exceptions into one clear line and exit code 1 (no stack trace unless INFORISK_DEBUG is set).</summary>
        private static async Task<int> Guard(Func<Task<int>> action)
        {
            try
            {
                return await action();
            }
            catch (OperationCanceledException)
            {
                await Console.Error.WriteLineAsync("cancelled; no result folder was written (finished runs are kept for --resume)");
                return ExitCodes.Cancelled;
            }
            catch (Exception e) when (Environment.GetEnvironmentVariable("INFORISK_DEBUG") is null)
            {
                await Console.Error.WriteLineAsync($"error: {e.GetType().Name}: {e.Message}");
                return ExitCodes.Failure;
            }
        }
    }
}
