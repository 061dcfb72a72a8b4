using System.Collections.Concurrent;
using InfoRisk.Model.Configuration;
using InfoRisk.Model.World;

namespace InfoRisk.Grains;

/// <summary>
/// One read-only <see cref="ModelContext"/> per run and silo process, shared by all of the run's grains there,
/// instead of one per grain: the spec is parsed once, and the lookup tables (Beta quantiles, memorisation,
/// generalisation) are held once rather than once per cohort. Entries are weak, so a released run's context goes
/// with its last grain.
/// </summary>
internal static class SharedContexts
{
    private static readonly ConcurrentDictionary<string, WeakReference<ModelContext>> Contexts = new(StringComparer.Ordinal);

    public static ModelContext Of(string specJson)
    {
        if (Contexts.TryGetValue(specJson, out var weak) && weak.TryGetTarget(out var existing)) return existing;
        lock (Contexts)
        {
            if (Contexts.TryGetValue(specJson, out weak) && weak.TryGetTarget(out existing)) return existing;
            foreach (var (key, value) in Contexts)
            {
                if (!value.TryGetTarget(out _)) Contexts.TryRemove(key, out _);
            }
            var context = new ModelContext(RunSpec.FromJson(specJson));
            Contexts[specJson] = new WeakReference<ModelContext>(context);
            return context;
        }
    }
}
