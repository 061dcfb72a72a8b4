using InfoRisk.Runner.Results;

namespace InfoRisk.Runner.Decisions;

/// <summary>
/// Writes a derived folder (discovery/, an attribution) atomically: everything goes into a hidden sibling
/// <c>.NAME.partial-ID</c>, which is renamed to the target only when complete. A failure leaves nothing behind.
/// </summary>
public static class OutputFolder
{
    /// <summary>
    /// Fills a new folder and moves it to <paramref name="target"/>. An existing target is replaced when
    /// <paramref name="replace"/> (the old one is removed only after the new one is in place), else refused unless empty.
    /// </summary>
    public static string Write(string target, bool replace, Action<string> fill)
    {
        var full = ResultWriter.CheckTarget(target);
        if (!replace && Directory.Exists(full) && Directory.EnumerateFileSystemEntries(full).Any())
            throw new ResultFolderException($"--out {full} exists and is not empty; choose a new folder");
        var parent = Path.GetDirectoryName(full)!;
        Directory.CreateDirectory(parent);
        var id = Guid.NewGuid().ToString("N")[..8];
        var partial = Path.Combine(parent, $".{Path.GetFileName(full)}.partial-{id}");
        Directory.CreateDirectory(partial);
        try
        {
            fill(partial);
            if (Directory.Exists(full))
            {
                var old = Path.Combine(parent, $".{Path.GetFileName(full)}.old-{id}");
                Directory.Move(full, old);
                Directory.Move(partial, full);
                Directory.Delete(old, recursive: true);
            }
            else
            {
                Directory.Move(partial, full);
            }
        }
        catch
        {
            if (Directory.Exists(partial)) Directory.Delete(partial, recursive: true);
            throw;
        }
        return full;
    }
}
