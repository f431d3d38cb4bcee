using System.IO.Compression;
using System.Text;
using PrintFarm.Designs.Intake;

namespace PrintFarm.Tests.Designs;

/// <summary>Uploads the farm refuses, each with a problem that says what is wrong.</summary>
[Trait("Category", "Unit")]
public sealed class HostileUploadTests
{
    [Fact]
    public void A_PrusaSlicer_gcode_cut_short_is_refused_as_incomplete()
    {
        var whole = SampleFiles.Bytes(SampleFiles.PrusaSlicer);
        var refused = SampleFiles.Refused(whole[..(whole.Length * 2 / 3)]);
        Assert.Contains("incomplete", refused.Message);
        Assert.False(refused.TooLarge);
    }

    [Fact]
    public void A_Cura_gcode_cut_short_is_refused_as_incomplete()
    {
        var whole = SampleFiles.Bytes(SampleFiles.Cura);
        Assert.Contains("';End of Gcode'", SampleFiles.Refused(whole[..(whole.Length / 2)]).Message);
    }

    [Fact]
    public void A_3mf_cut_short_is_refused_as_a_damaged_zip()
    {
        var whole = SampleFiles.Bytes(SampleFiles.OrcaSlicer);
        Assert.Contains("cut short", SampleFiles.Refused(whole[..(whole.Length - 200)]).Message);
    }

    [Fact]
    public void A_3mf_whose_plate_gcode_does_not_match_its_md5_is_refused()
    {
        var bytes = Rezip(SampleFiles.Bytes(SampleFiles.OrcaSlicer), (name, data) =>
            name == "Metadata/plate_1.gcode" ? Encoding.UTF8.GetBytes(Encoding.UTF8.GetString(data).Replace("G1 X10.0", "G1 X99.0")) : data);
        Assert.Contains("MD5", SampleFiles.Refused(bytes).Message);
    }

    [Fact]
    public void A_zip_bomb_is_refused_by_its_compression_ratio_before_anything_is_inflated()
    {
        var bytes = Zip(("3D/3dmodel.model", Encoding.UTF8.GetBytes("<model/>")), ("Metadata/padding.bin", new byte[50 * 1024 * 1024]));
        Assert.True(bytes.Length < 200 * 1024, $"the bomb is {bytes.Length} bytes");
        var refused = SampleFiles.Refused(bytes);
        Assert.Contains("Metadata/padding.bin", refused.Message);
        Assert.Contains("MaxCompressionRatio", refused.Message);
    }

    [Fact]
    public void A_zip_that_unpacks_past_the_limit_is_refused_as_too_large()
    {
        var random = new byte[256 * 1024];
        new Random(7).NextBytes(random);
        var bytes = Zip(("3D/3dmodel.model", Encoding.UTF8.GetBytes("<model/>")), ("Metadata/a.bin", random), ("Metadata/b.bin", random));
        var refused = SampleFiles.Refused(bytes, new DesignIntakeOptions { MaxUncompressedBytes = 300 * 1024 });
        Assert.True(refused.TooLarge);
        Assert.Contains("MaxUncompressedBytes", refused.Message);
    }

    [Fact]
    public void A_zip_with_too_many_entries_is_refused()
    {
        var entries = Enumerable.Range(0, 30).Select(i => ($"Metadata/e{i}.txt", new byte[] { 1 })).Prepend(("3D/3dmodel.model", "<model/>"u8.ToArray())).ToArray();
        Assert.Contains("at most 20", SampleFiles.Refused(Zip(entries), new DesignIntakeOptions { MaxZipEntries = 20 }).Message);
    }

    [Theory]
    [InlineData("../../etc/cron.d/evil")]
    [InlineData("Metadata/../../evil.gcode")]
    [InlineData("/etc/passwd")]
    [InlineData("C:/Windows/evil.dll")]
    [InlineData("..\\evil.gcode")]
    public void A_zip_entry_named_outside_the_archive_is_refused(string name)
    {
        var bytes = Zip(("3D/3dmodel.model", "<model/>"u8.ToArray()), (name, "x"u8.ToArray()));
        Assert.Contains("points outside the archive", SampleFiles.Refused(bytes).Message);
    }

    [Fact]
    public void A_zip_that_is_no_3mf_is_refused()
    {
        Assert.Contains("neither a 3MF", SampleFiles.Refused(Zip(("readme.txt", "hello"u8.ToArray()))).Message);
    }

    [Theory]
    [InlineData(new byte[] { (byte)'M', (byte)'Z', 0x90, 0x00, 0x03 }, "Windows program")]
    [InlineData(new byte[] { 0x7F, (byte)'E', (byte)'L', (byte)'F', 0x02, 0x01 }, "Linux program")]
    [InlineData(new byte[] { (byte)'#', (byte)'!', (byte)'/', (byte)'b', (byte)'i', (byte)'n' }, "script")]
    public void A_renamed_program_is_refused_and_named(byte[] start, string what)
    {
        var bytes = start.Concat(Encoding.ASCII.GetBytes("\nG28\nG1 X10 Y10\n")).Concat(new byte[300]).ToArray();
        Assert.Contains(what, SampleFiles.Refused(bytes).Message);
    }

    [Fact]
    public void A_file_over_the_size_limit_is_refused_as_too_large()
    {
        var refused = SampleFiles.Refused(SampleFiles.Bytes(SampleFiles.PrusaSlicer), new DesignIntakeOptions { MaxFileBytes = 2048 });
        Assert.True(refused.TooLarge);
        Assert.Contains("MaxFileBytes", refused.Message);
    }

    [Fact]
    public void Text_that_is_no_print_file_and_an_empty_file_are_refused()
    {
        Assert.Contains("cannot tell what it is", SampleFiles.Refused("Dear shop, please print my cube.\n"u8.ToArray()).Message);
        Assert.Contains("empty", SampleFiles.Refused([]).Message);
    }

    internal static byte[] Zip(params (string Name, byte[] Data)[] entries)
    {
        var buffer = new MemoryStream();
        using (var zip = new ZipArchive(buffer, ZipArchiveMode.Create, leaveOpen: true))
        {
            foreach (var (name, data) in entries)
            {
                using var stream = zip.CreateEntry(name, CompressionLevel.SmallestSize).Open();
                stream.Write(data);
            }
        }
        return buffer.ToArray();
    }

    private static byte[] Rezip(byte[] zip, Func<string, byte[], byte[]> change)
    {
        using var source = new ZipArchive(new MemoryStream(zip), ZipArchiveMode.Read);
        return Zip(source.Entries.Select(e =>
        {
            using var stream = e.Open();
            var copy = new MemoryStream();
            stream.CopyTo(copy);
            return (e.FullName, change(e.FullName, copy.ToArray()));
        }).ToArray());
    }
}
