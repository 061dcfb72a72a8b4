using System.Reflection;

namespace InfoRisk.Runner.Explorer;

/// <summary>
/// The explorer's and the report's page, style sheet and scripts: files under src/Runner/Web/, embedded in the program
/// (no CDN, nothing fetched at run time).
/// </summary>
public static class WebAssets
{
    /// <summary>Every asset by file name, with its media type.</summary>
    public static readonly IReadOnlyDictionary<string, string> Types = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["explorer.html"] = "text/html; charset=utf-8",
        ["inforisk.css"] = "text/css; charset=utf-8",
        ["charts.js"] = "text/javascript; charset=utf-8",
        ["explorer.js"] = "text/javascript; charset=utf-8",
        ["report.js"] = "text/javascript; charset=utf-8",
    };

    /// <summary>The text of an embedded asset.</summary>
    public static string Text(string name)
    {
        using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream("InfoRisk.Web." + name)
            ?? throw new InvalidOperationException($"web asset {name} is not embedded in the program");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}
