using PrintFarm.Designs.Files;
using PrintFarm.Silo.Designs;

namespace PrintFarm.Tests.Designs;

/// <summary>Memory storage's design store: a "restart" is the same process, as with memory grain state.</summary>
[Trait("Category", "Unit")]
public sealed class MemoryDesignFileStoreTests : DesignFileStoreContract
{
    private readonly MemoryDesignFileStore _store = new();
    protected override Task<IDesignFileStore> Store(bool again = false) => Task.FromResult<IDesignFileStore>(_store);

    protected override Task<long> FilesKept() => Task.FromResult((long)_store.Count);
}
