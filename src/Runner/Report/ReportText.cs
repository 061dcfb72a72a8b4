namespace InfoRisk.Runner.Report;

/// <summary>The report's own headings and notes in English and Chinese (chart labels come from ChartText and the metric registry).</summary>
public sealed class ReportText(string language)
{
    private static readonly Dictionary<string, (string En, string Zh)> Texts = new(StringComparer.Ordinal)
    {
        ["title"] = ("InfoRisk report", "InfoRisk 报告"),
        ["made"] = ("Made from the result folder {0} by inforisk {1}. Self-contained: this file needs no network.", "由 inforisk {1} 根据结果文件夹 {0} 生成。本文件自成一体，无需网络。"),
        ["contents"] = ("Contents", "目录"),
        ["experiment"] = ("Experiment", "实验"),
        ["summary"] = ("Summary with paired differences", "汇总与配对差异"),
        ["timecourses"] = ("Time courses", "时间过程"),
        ["charts"] = ("Charts", "图表"),
        ["manifest"] = ("Manifest", "清单"),
        ["definitions"] = ("Definitions of the metrics", "指标定义"),
        ["population"] = ("Population", "人口"),
        ["ticks"] = ("Days (ticks)", "天数（时间步）"),
        ["replicates"] = ("Paired replicates", "配对重复次数"),
        ["seed"] = ("Master seed", "主随机种子"),
        ["baseline"] = ("Baseline", "基准"),
        ["scenarios"] = ("Scenarios", "情景"),
        ["show"] = ("Regimes shown (tables and time courses)", "显示的制度（表格与时间过程）"),
        ["levers"] = ("Lever values of each regime (rows where regimes differ are marked)", "各制度的杠杆取值（制度之间不同的行已标出）"),
        ["lever"] = ("Lever", "杠杆"),
        ["leversNote"] = ("From runs.csv (lever_* columns). Meanings: docs/model.md §4 and 'inforisk regimes'.", "取自 runs.csv（lever_* 列）。含义见 docs/model.md 第 4 节与 'inforisk regimes'。"),
        ["summaryNote"] = ("From summary.csv: mean over replicates of each run's value (flows summed over the run, stocks at the last day) with the Student-t 95% CI in brackets; Δ is the paired difference from the baseline {0} (replicate r against replicate r, same seed) with its 95% CI.", "取自 summary.csv：各次运行值（流量为整次运行之和，存量为最后一天的值）在重复之间的均值，方括号内为 Student-t 95% 置信区间；Δ 为与基准 {0} 的配对差异（同一种子的第 r 次重复相比）及其 95% 置信区间。"),
        ["headline"] = ("Headline outcomes", "主要结果"),
        ["allMetrics"] = ("Every metric", "全部指标"),
        ["metric"] = ("Metric", "指标"),
        ["unit"] = ("Unit", "单位"),
        ["timecoursesNote"] = ("Mean over replicates with the 95% CI band, from timeseries.csv. Hover or focus a chart and use the arrow keys to read values; the regime check boxes above show or hide regimes.", "取自 timeseries.csv 的重复均值及 95% 置信带。将鼠标悬停或聚焦于图表并使用方向键读取数值；上方的复选框可显示或隐藏制度。"),
        ["chartsNote"] = ("Every chart of the result folder, drawn by the same code as 'inforisk plot'.", "结果文件夹的全部图表，由与 'inforisk plot' 相同的代码绘制。"),
        ["definitionsNote"] = ("From the metric registry (src/Grains/InfoRisk.Model/Metrics), against which docs/outputs.md is checked.", "取自指标注册表（src/Grains/InfoRisk.Model/Metrics），docs/outputs.md 据此核对。"),
        ["flow"] = ("flow: per day, summed over a run", "流量：每天的量，整次运行求和"),
        ["stock"] = ("stock: level at the end of the day, last day for a run", "存量：当天结束时的水平，运行取最后一天"),
        ["cumulative"] = ("{0}, cumulative", "{0}（累计）"),
    };

    public string this[string key] => Texts.TryGetValue(key, out var text) ? (language == "zh" ? text.Zh : text.En) : throw new KeyNotFoundException($"no report text '{key}'");
}
