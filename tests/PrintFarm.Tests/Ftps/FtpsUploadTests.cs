using System.Security.Cryptography;
using PrintFarm.Silo.PrintFiles.Ftps;

namespace PrintFarm.Tests.Ftps;

/// <summary>Uploads to a real vsftpd set up like a Bambu printer: the bytes on its card, SIZE, DELE.</summary>
[Trait("Category", "Integration")]
public sealed class FtpsUploadTests(VsftpdPrinter printer) : IClassFixture<VsftpdPrinter>
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task An_upload_lands_byte_for_byte_and_SIZE_reports_its_length()
    {
        var content = RandomNumberGenerator.GetBytes(300 * 1024 + 17); // not a multiple of the chunk size
        await using var client = await FtpsClient.ConnectAsync(printer.Endpoint(), Cancel);

        await client.StoreAsync("/job-1.gcode.3mf", new MemoryStream(content), Cancel);

        var landed = await File.ReadAllBytesAsync(printer.Server.OnCard("/job-1.gcode.3mf"), Cancel);
        Assert.Equal(Convert.ToHexString(SHA256.HashData(content)), Convert.ToHexString(SHA256.HashData(landed)));
        Assert.Equal(content.Length, await client.SizeAsync("/job-1.gcode.3mf", Cancel));
    }

    [Fact]
    public async Task An_upload_replaces_a_file_of_the_same_name()
    {
        await using var client = await FtpsClient.ConnectAsync(printer.Endpoint(), Cancel);
        await client.StoreAsync("/again.gcode", new MemoryStream(RandomNumberGenerator.GetBytes(200_000)), Cancel);

        var second = RandomNumberGenerator.GetBytes(1234);
        await client.StoreAsync("/again.gcode", new MemoryStream(second), Cancel);

        Assert.Equal(second, await File.ReadAllBytesAsync(printer.Server.OnCard("/again.gcode"), Cancel));
    }

    [Fact]
    public async Task DELE_removes_a_file_and_a_missing_file_is_no_error()
    {
        await using var client = await FtpsClient.ConnectAsync(printer.Endpoint(), Cancel);
        await client.StoreAsync("/to-delete.gcode", new MemoryStream(RandomNumberGenerator.GetBytes(4096)), Cancel);
        Assert.True(File.Exists(printer.Server.OnCard("/to-delete.gcode")));

        await client.DeleteAsync("/to-delete.gcode", Cancel);

        Assert.False(File.Exists(printer.Server.OnCard("/to-delete.gcode")));
        Assert.Null(await client.SizeAsync("/to-delete.gcode", Cancel));
        await client.DeleteAsync("/to-delete.gcode", Cancel); // gone already: still fine
    }

    [Fact]
    public async Task SIZE_of_a_missing_file_is_null()
    {
        await using var client = await FtpsClient.ConnectAsync(printer.Endpoint(), Cancel);

        Assert.Null(await client.SizeAsync("/never-uploaded.gcode", Cancel));
    }

    [Fact]
    public async Task A_refused_upload_names_the_file_and_the_reply_and_the_connection_stays_usable()
    {
        await using var client = await FtpsClient.ConnectAsync(printer.Endpoint(), Cancel);

        // No such folder on the card: vsftpd refuses the STOR with 553 before any data flows.
        var refused = await Assert.ThrowsAsync<FtpsException>(() => client.StoreAsync("/no/such/folder/x.gcode", new MemoryStream([1, 2, 3]), Cancel));

        Assert.Contains("/no/such/folder/x.gcode", refused.Message);
        Assert.Equal(553, refused.ReplyCode);
        Assert.Null(await client.SizeAsync("/x.gcode", Cancel));
    }
}
