using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using PrintFarm.Designs.Catalog;
using PrintFarm.Designs.Files;
using PrintFarm.Designs.Intake;

namespace PrintFarm.Designs;

/// <summary>
/// An upload on its way in: pieces go to a file on this silo's disk, then intake reads it, the
/// store keeps it and its thumbnail, and the design is recorded under the upload's id. A refused
/// or abandoned upload leaves nothing behind: its file goes when the grain does.
/// </summary>
public sealed partial class DesignUploadGrain(
    IDesignFileStore store,
    IOptions<DesignIntakeOptions> limits,
    IOptions<DesignUploadOptions> uploads,
    TimeProvider clock,
    ILogger<DesignUploadGrain> logger) : Grain, IDesignUploadGrain
{
    private FileStream? _file;
    private long _length;

    private Guid Id => this.GetPrimaryKey();
    private string PartPath => Path.Combine(uploads.Value.Folder!, $"{Id:N}.upload");

    public async Task Append(long offset, byte[] piece)
    {
        if (offset != _length) throw new InvalidOperationException($"The upload is at byte {_length}; a piece for byte {offset} is out of order.");
        if (_length + piece.Length > limits.Value.MaxFileBytes)
        {
            Discard();
            throw new DesignRefusedException($"The file is larger than the farm takes ({limits.Value.MaxFileBytes} bytes, Designs:Intake:MaxFileBytes).", tooLarge: true);
        }
        if (_file is null)
        {
            Directory.CreateDirectory(uploads.Value.Folder!);
            _file = new FileStream(PartPath, FileMode.Create, FileAccess.ReadWrite, FileShare.None, 81920, FileOptions.Asynchronous);
        }
        await _file.WriteAsync(piece);
        _length += piece.Length;
        DelayDeactivation(TimeSpan.FromMinutes(2)); // an upload in progress is not idle between pieces
    }

    public async Task<DesignView> Complete(string owner, string name)
    {
        if (await GrainFactory.GetGrain<IDesignGrain>(Id).Get() is { } done) return done; // asked again after it was taken in
        try
        {
            if (_file is null) throw new DesignRefusedException("The file is empty.");
            await _file.FlushAsync();
            var read = new DesignIntake(limits.Value).Read(_file);
            var stored = await store.Put(_file);
            string? thumbnail = null;
            if (read.Thumbnail is { } image) thumbnail = (await store.Put(new MemoryStream(image.Bytes, writable: false))).Sha256;
            var design = new DesignView
            {
                Id = Id,
                Owner = owner,
                Name = DesignNames.Clean(name),
                Sha256 = stored.Sha256,
                Size = stored.Size,
                UploadedAt = clock.GetUtcNow(),
                Facts = read.Facts,
                ThumbnailSha256 = thumbnail,
            };
            design = await GrainFactory.GetGrain<IDesignGrain>(Id).Create(design);
            await GrainFactory.GetGrain<ICustomerDesignsGrain>(owner).Add(Id, design.UploadedAt);
            LogTakenIn(Id, owner, design.Facts.Format, design.Size, design.Sha256);
            return design;
        }
        catch (DesignRefusedException refused)
        {
            LogRefused(Id, owner, refused.Message);
            throw;
        }
        finally
        {
            Discard();
            DeactivateOnIdle();
        }
    }

    public override Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        Discard();
        return Task.CompletedTask;
    }

    private void Discard()
    {
        _file?.Dispose();
        _file = null;
        _length = 0;
        File.Delete(PartPath);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Design {Design} of {Owner} taken in: {Format}, {Size} bytes, sha256 {Sha256}")]
    private partial void LogTakenIn(Guid design, string owner, DesignFormat format, long size, string sha256);

    [LoggerMessage(Level = LogLevel.Information, Message = "Upload {Design} of {Owner} refused: {Problem}")]
    private partial void LogRefused(Guid design, string owner, string problem);
}
