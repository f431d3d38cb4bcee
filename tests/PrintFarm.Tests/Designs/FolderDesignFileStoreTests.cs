using PrintFarm.Designs.Files;
using PrintFarm.Silo.Designs;

namespace PrintFarm.Tests.Designs;

[Trait("Category", "Unit")]
public sealed class FolderDesignFileStoreTests : DesignFileStoreContract, IDisposable
{
    private readonly string _folder = Path.Combine(TestFolders.Root, "design-files", Guid.NewGuid().ToString("N"));

    protected override Task<IDesignFileStore> Store(bool again = false) => Task.FromResult<IDesignFileStore>(new FolderDesignFileStore(_folder));

    protected override Task<long> FilesKept() =>
        Task.FromResult(Directory.Exists(_folder) ? (long)Directory.EnumerateFiles(_folder, "*", SearchOption.AllDirectories).Count() : 0);

    [Fact]
    public async Task Nothing_half_written_is_left_beside_the_files()
    {
        var store = new FolderDesignFileStore(_folder);
        await store.Put(new MemoryStream(Random(5000, seed: 9)), TestContext.Current.CancellationToken);
        Assert.DoesNotContain(Directory.EnumerateFiles(_folder, "*", SearchOption.AllDirectories), f => f.EndsWith(".partial", StringComparison.Ordinal));
    }

    public void Dispose()
    {
        if (Directory.Exists(_folder)) Directory.Delete(_folder, recursive: true);
    }
}
