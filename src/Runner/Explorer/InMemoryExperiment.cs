using System.Runtime.InteropServices;
using InfoRisk.Runner.Experiments;
using Microsoft.Win32.SafeHandles;

namespace InfoRisk.Runner.Explorer;

/// <summary>
/// Loads an experiment document that exists only in memory through <see cref="ExperimentLoader.Load"/> itself, the code
/// behind <c>inforisk validate</c> and <c>inforisk run</c>, so the explorer refuses exactly what they refuse with the same
/// messages. On Linux the bytes go into an anonymous memory file (memfd_create) that the loader opens as
/// <c>/proc/self/fd/N</c>: nothing is written to disk. Elsewhere they go into a private temporary file, deleted at once.
/// Problems name the document as <c>shownAs</c> (the file name "Save as experiment" downloads) with its line and column.
/// </summary>
public static class InMemoryExperiment
{
    /// <summary>The validated experiment, or the loader's problems (the same text <c>inforisk validate</c> prints).</summary>
    public static Experiment Load(byte[] document, string shownAs)
    {
        ArgumentNullException.ThrowIfNull(document);
        if (OperatingSystem.IsLinux() && TryMemoryFile(document) is { } handle)
        {
            using (handle)
            {
                return LoadAs($"/proc/self/fd/{handle.DangerousGetHandle()}", shownAs);
            }
        }
        var dir = Directory.CreateTempSubdirectory("inforisk-explore-");
        try
        {
            var path = Path.Combine(dir.FullName, shownAs);
            File.WriteAllBytes(path, document);
            return LoadAs(path, shownAs);
        }
        finally
        {
            dir.Delete(recursive: true);
        }
    }

    private static Experiment LoadAs(string path, string shownAs)
    {
        try
        {
            return ExperimentLoader.Load(path) with { FilePath = shownAs };
        }
        catch (ExperimentException e)
        {
            throw new ExperimentException([.. e.Problems.Select(p => p with { File = shownAs })]);
        }
    }

    private static SafeFileHandle? TryMemoryFile(byte[] document)
    {
        int fd;
        try
        {
            fd = MemfdCreate("inforisk-explorer", MemfdCloexec);
        }
        catch (Exception e) when (e is DllNotFoundException or EntryPointNotFoundException)
        {
            return null;
        }
        if (fd < 0) return null;
        var handle = new SafeFileHandle(fd, ownsHandle: true);
        try
        {
            RandomAccess.Write(handle, document, 0);
            return handle;
        }
        catch (IOException)
        {
            handle.Dispose();
            return null;
        }
    }

    private const uint MemfdCloexec = 1;

    [DllImport("libc", EntryPoint = "memfd_create", SetLastError = true)]
    [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
    private static extern int MemfdCreate([MarshalAs(UnmanagedType.LPUTF8Str)] string name, uint flags);
}
