namespace InfoRisk.Grains;

/// <summary>
/// A grain of a run was called but holds no run state: it was re-activated (typically on another silo after its silo
/// died), so the run's in-memory state is gone. The run's attempt is lost; the runner reruns it from its seed.
/// It is thrown instead of silently starting empty, which would corrupt the run.
/// </summary>
[GenerateSerializer, Alias("inforisk.RunStateLostException")]
public sealed class RunStateLostException : Exception
{
    public RunStateLostException()
    {
    }

    public RunStateLostException(string message) : base(message)
    {
    }

    public RunStateLostException(string message, Exception inner) : base(message, inner)
    {
    }

    internal static RunStateLostException For(IAddressable grain, string what) =>
        new($"{what} {grain.GetPrimaryKeyString()} has no run state (re-activated, probably after its silo died); the run's attempt is lost");
}
