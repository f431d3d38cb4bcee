using System.IO.Compression;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using PrintFarm.Tests.EndToEnd;

namespace PrintFarm.Tests.Designs;

/// <summary>The design catalog through the gateway, on a farm on SQLite: upload, read, refuse, delete, restart.</summary>
[Trait("Category", "EndToEnd")]
public sealed class DesignCatalogTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_customer_uploads_sliced_files_reads_them_back_and_sees_only_its_own_and_a_restart_keeps_them()
    {
        var database = Path.Combine(TestFolders.Root, "designs", $"{Guid.NewGuid():N}", "farm.db");
        var store = Path.Combine(Path.GetDirectoryName(database)!, "designs");
        var sample = SampleFiles.Bytes(SampleFiles.PrusaSlicer);
        Guid first, orca;
        await using (var farm = new FarmHost(databasePath: database))
        {
            await farm.Start();
            using var customer = farm.Client(farm.Accounts.Customer.Key);

            var uploaded = await Upload(customer, sample, SampleFiles.PrusaSlicer);
            Assert.Equal(HttpStatusCode.Created, uploaded.StatusCode);
            var design = await uploaded.Content.ReadFromJsonAsync<JsonElement>(Ct);
            first = design.GetProperty("id").GetGuid();
            Assert.Equal($"/api/designs/{first}", uploaded.Headers.Location!.OriginalString);
            Assert.Equal(farm.Accounts.Customer.Login, design.GetProperty("owner").GetString());
            Assert.Equal(SampleFiles.PrusaSlicer, design.GetProperty("name").GetString());
            Assert.Equal(sample.Length, design.GetProperty("size").GetInt64());
            var facts = design.GetProperty("facts");
            Assert.Equal("GCode", facts.GetProperty("format").GetString());
            Assert.Equal(750, facts.GetProperty("estimatedPrintSeconds").GetDouble());
            Assert.Equal("MK4S", facts.GetProperty("printerModel").GetString());

            // The same bytes again: a second design, one stored file (and one thumbnail).
            var again = await (await Upload(customer, sample, "renamed.gcode")).Content.ReadFromJsonAsync<JsonElement>(Ct);
            Assert.Equal(design.GetProperty("sha256").GetString(), again.GetProperty("sha256").GetString());
            Assert.Equal(2, Directory.EnumerateFiles(store, "*", SearchOption.AllDirectories).Count());
            var orcaUpload = await Upload(customer, SampleFiles.Bytes(SampleFiles.OrcaSlicer), SampleFiles.OrcaSlicer);
            orca = (await orcaUpload.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("id").GetGuid();

            var listed = await customer.GetFromJsonAsync<JsonElement>("/api/designs", Ct);
            Assert.Equal([orca, again.GetProperty("id").GetGuid(), first], listed.EnumerateArray().Select(d => d.GetProperty("id").GetGuid()));

            Assert.Equal(sample, await customer.GetByteArrayAsync($"/api/designs/{first}/file", Ct));
            using var thumbnail = await customer.GetAsync($"/api/designs/{first}/thumbnail", Ct);
            Assert.Equal("image/png", thumbnail.Content.Headers.ContentType!.MediaType);
            Assert.Equal(0x89, (await thumbnail.Content.ReadAsByteArrayAsync(Ct))[0]);

            // Another customer's design is no design at all; staff read every one.
            using var other = farm.Client(await NewCustomer(farm, "dora@example.com"));
            Assert.Equal(HttpStatusCode.NotFound, (await other.GetAsync($"/api/designs/{first}", Ct)).StatusCode);
            Assert.Equal(HttpStatusCode.NotFound, (await other.GetAsync($"/api/designs/{first}/file", Ct)).StatusCode);
            Assert.Equal(HttpStatusCode.NotFound, (await other.DeleteAsync($"/api/designs/{first}", Ct)).StatusCode);
            Assert.Empty((await other.GetFromJsonAsync<JsonElement>("/api/designs", Ct)).EnumerateArray());
            using var viewer = farm.Client(farm.Accounts.Viewer!.Key);
            Assert.Equal(HttpStatusCode.OK, (await viewer.GetAsync($"/api/designs/{first}", Ct)).StatusCode);
            Assert.Equal(HttpStatusCode.Forbidden, (await Upload(viewer, sample, "cube.gcode")).StatusCode);

            // Deleted: gone from the catalog and the list.
            Assert.Equal(HttpStatusCode.NoContent, (await customer.DeleteAsync($"/api/designs/{again.GetProperty("id").GetGuid()}", Ct)).StatusCode);
            Assert.Equal(HttpStatusCode.NotFound, (await customer.GetAsync($"/api/designs/{again.GetProperty("id").GetGuid()}", Ct)).StatusCode);
        }

        await using var restarted = new FarmHost(databasePath: database);
        await restarted.Start();
        using var back = restarted.Client(restarted.Accounts.Customer.Key);
        var kept = await back.GetFromJsonAsync<JsonElement>("/api/designs", Ct);
        Assert.Equal([orca, first], kept.EnumerateArray().Select(d => d.GetProperty("id").GetGuid()));
        Assert.Equal(sample, await back.GetByteArrayAsync($"/api/designs/{first}/file", Ct));
        Assert.Equal(SampleFiles.Bytes(SampleFiles.OrcaSlicer), await back.GetByteArrayAsync($"/api/designs/{orca}/file", Ct));
    }

    [Fact]
    public async Task A_hostile_or_oversized_upload_is_refused_with_its_problem_and_nothing_is_stored()
    {
        var database = Path.Combine(TestFolders.Root, "designs", $"{Guid.NewGuid():N}", "farm.db");
        var folder = Path.GetDirectoryName(database)!;
        await using var farm = new FarmHost(databasePath: database, settings: new Dictionary<string, string?> { ["Designs:Intake:MaxFileBytes"] = "200000" });
        await farm.Start();
        using var customer = farm.Client(farm.Accounts.Customer.Key);

        var bomb = new MemoryStream();
        using (var zip = new ZipArchive(bomb, ZipArchiveMode.Create, leaveOpen: true))
        {
            zip.CreateEntry("3D/3dmodel.model").Open().Dispose();
            using var padding = zip.CreateEntry("Metadata/padding.bin", CompressionLevel.SmallestSize).Open();
            padding.Write(new byte[20 * 1024 * 1024]);
        }
        using var refused = await Upload(customer, bomb.ToArray(), "cube.3mf");
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Contains("MaxCompressionRatio", (await refused.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("detail").GetString());

        using var program = await Upload(customer, [.. "MZ"u8, .. new byte[500]], "cube.gcode");
        Assert.Equal(HttpStatusCode.BadRequest, program.StatusCode);
        Assert.Contains("Windows program", await program.Content.ReadAsStringAsync(Ct));

        var whole = SampleFiles.Bytes(SampleFiles.Cura);
        using var truncated = await Upload(customer, whole[..(whole.Length / 2)], SampleFiles.Cura);
        Assert.Equal(HttpStatusCode.BadRequest, truncated.StatusCode);

        using var large = await Upload(customer, new byte[300_000], "big.stl");
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, large.StatusCode);

        using var empty = await customer.PostAsync("/api/designs", new MultipartFormDataContent(), Ct);
        Assert.Equal(HttpStatusCode.BadRequest, empty.StatusCode);

        Assert.Empty((await customer.GetFromJsonAsync<JsonElement>("/api/designs", Ct)).EnumerateArray());
        Assert.False(Directory.Exists(Path.Combine(folder, "designs")) && Directory.EnumerateFiles(Path.Combine(folder, "designs"), "*", SearchOption.AllDirectories).Any());
        Assert.False(Directory.Exists(Path.Combine(folder, "uploads")) && Directory.EnumerateFiles(Path.Combine(folder, "uploads")).Any());
    }

    [Fact]
    public async Task An_order_of_a_design_takes_its_time_material_and_model_from_the_file_and_the_design_stays_while_the_order_is_open()
    {
        var database = Path.Combine(TestFolders.Root, "designs", $"{Guid.NewGuid():N}", "farm.db");
        await using var farm = new FarmHost(databasePath: database);
        await farm.Start();
        using var customer = farm.Client(farm.Accounts.Customer.Key);
        var cube = (await (await Upload(customer, SampleFiles.Bytes(SampleFiles.PrusaSlicer), SampleFiles.PrusaSlicer)).Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("id").GetGuid();
        var mesh = (await (await Upload(customer, Encoding.ASCII.GetBytes("solid cube\n facet normal 0 0 1\n  outer loop\n   vertex 0 0 0\n   vertex 1 0 0\n   vertex 0 1 0\n  endloop\n endfacet\nendsolid cube\n"), "cube.stl")).Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("id").GetGuid();

        using var placed = await customer.PostAsync("/api/orders", Json($$"""
            {"customer": {"name": "Ana", "email": "ana@example.com"}, "shipping": {"method": "pickup"},
             "items": [{"designId": "{{cube}}", "quantity": 2},
                       {"designId": "{{mesh}}", "quantity": 1, "material": "pla", "estimatedPrintSeconds": 900}]}
            """), Ct);
        Assert.Equal(HttpStatusCode.Created, placed.StatusCode);
        var order = await placed.Content.ReadFromJsonAsync<JsonElement>(Ct);
        var reference = order.GetProperty("reference").GetString()!;
        var item = order.GetProperty("items")[0];
        Assert.Equal(cube, item.GetProperty("designId").GetGuid());
        Assert.Equal(SampleFiles.PrusaSlicer, item.GetProperty("design").GetString());
        Assert.Equal(750, item.GetProperty("estimatedPrintSeconds").GetInt32());
        Assert.Equal("PLA", item.GetProperty("material").GetString());
        Assert.Equal("MK4S", item.GetProperty("printerModel").GetString());
        Assert.Equal(0.75, item.GetProperty("materialGrams").GetDouble());

        // The jobs carry the file; the mesh's job waits, held, for a sliced file.
        using var staff = farm.Client(farm.Accounts.Viewer!.Key);
        var job = await Eventually.Get(() => staff.GetFromJsonAsync<JsonElement>($"/api/jobs/{reference}-1-1", Ct), j => j.ValueKind == JsonValueKind.Object, TimeSpan.FromSeconds(20), "the first job");
        Assert.Equal(0.75, job.GetProperty("materialGrams").GetDouble());
        Assert.Equal("MK4S", job.GetProperty("slicedFor").GetString());
        var waiting = await Eventually.Get(() => staff.GetFromJsonAsync<JsonElement>($"/api/jobs/{reference}-2-1", Ct), j => j.ValueKind == JsonValueKind.Object, TimeSpan.FromSeconds(20), "the mesh's job");
        Assert.True(waiting.GetProperty("onHold").GetBoolean());
        Assert.Contains("needs slicing", waiting.GetProperty("problem").GetString());

        // The tracking page shows the design's picture, served by the page's own reference.
        var page = await farm.Http.GetStringAsync($"/tracking/{reference}", Ct);
        Assert.Contains($"/tracking/{reference}/items/0/thumbnail", page);
        using var picture = await new HttpClient { BaseAddress = farm.Http.BaseAddress }.GetAsync($"/tracking/{reference}/items/0/thumbnail", Ct);
        Assert.Equal(("image/png", (byte)0x89), (picture.Content.Headers.ContentType!.MediaType, (await picture.Content.ReadAsByteArrayAsync(Ct))[0]));
        Assert.Equal(HttpStatusCode.NotFound, (await farm.Http.GetAsync($"/tracking/{reference}/items/1/thumbnail", Ct)).StatusCode);

        // Ordered again: the same design, another quantity; the mesh item left out.
        using var again = await customer.PostAsync($"/api/orders/{reference}/reorder", Json("""{"quantities": [3, 0]}"""), Ct);
        Assert.Equal(HttpStatusCode.Created, again.StatusCode);
        var second = await again.Content.ReadFromJsonAsync<JsonElement>(Ct);
        var secondItem = Assert.Single(second.GetProperty("items").EnumerateArray());
        Assert.Equal((cube, 3, 750), (secondItem.GetProperty("designId").GetGuid(), secondItem.GetProperty("quantity").GetInt32(), secondItem.GetProperty("estimatedPrintSeconds").GetInt32()));
        Assert.Equal(HttpStatusCode.BadRequest, (await customer.PostAsync($"/api/orders/{reference}/reorder", Json("""{"quantities": [1]}"""), Ct)).StatusCode);
        using (var stranger = farm.Client(await NewCustomer(farm, "eve@example.com")))
            Assert.Equal(HttpStatusCode.NotFound, (await stranger.PostAsync($"/api/orders/{reference}/reorder", null, Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await farm.Http.PostAsync($"/api/orders/{second.GetProperty("reference").GetString()}/cancel", null, Ct)).StatusCode);

        // A design an open order prints stays; once the order is cancelled it may go.
        using var inUse = await customer.DeleteAsync($"/api/designs/{cube}", Ct);
        Assert.Equal(HttpStatusCode.Conflict, inUse.StatusCode);
        Assert.Contains(reference, await inUse.Content.ReadAsStringAsync(Ct));
        Assert.Equal(HttpStatusCode.OK, (await customer.GetAsync($"/api/designs/{cube}", Ct)).StatusCode);
        using var cancelled = await farm.Http.PostAsync($"/api/orders/{reference}/cancel", Json("""{"message": "changed my mind"}"""), Ct);
        Assert.Equal(HttpStatusCode.OK, cancelled.StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await customer.DeleteAsync($"/api/designs/{cube}", Ct)).StatusCode);

        // What only the file can tell is checked in the silo, field by field.
        using var deleted = await customer.PostAsync("/api/orders", Json($$"""
            {"customer": {"name": "Ana", "email": "ana@example.com"}, "shipping": {"method": "pickup"},
             "items": [{"designId": "{{mesh}}", "quantity": 1, "material": "PLA", "estimatedPrintSeconds": 60}, {"designId": "{{cube}}", "quantity": 1}]}
            """), Ct);
        Assert.Equal(HttpStatusCode.BadRequest, deleted.StatusCode);
        var problem = await deleted.Content.ReadFromJsonAsync<JsonElement>(Ct);
        Assert.Equal($"There is no design {cube} in this account's catalog.", problem.GetProperty("errors").GetProperty("items[1].designId")[0].GetString());
        using var anyModel = await customer.PostAsync("/api/orders", Json($$"""
            {"customer": {"name": "Ana", "email": "ana@example.com"}, "shipping": {"method": "pickup"},
             "items": [{"designId": "{{mesh}}", "quantity": 1, "material": "PLA", "estimatedPrintSeconds": 60, "anyPrinterModel": true}]}
            """), Ct);
        Assert.Equal(HttpStatusCode.BadRequest, anyModel.StatusCode);
        Assert.Contains("items[0].anyPrinterModel", await anyModel.Content.ReadAsStringAsync(Ct));
    }

    private static StringContent Json(string body) => new(body, Encoding.UTF8, "application/json");

    private static async Task<HttpResponseMessage> Upload(HttpClient client, byte[] file, string name)
    {
        var form = new MultipartFormDataContent();
        var content = new ByteArrayContent(file);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
        form.Add(content, "file", name);
        return await client.PostAsync("/api/designs", form, Ct);
    }

    private static async Task<string> NewCustomer(FarmHost farm, string login)
    {
        var created = await farm.Http.PostAsync("/api/accounts", new StringContent($$"""{"login": "{{login}}", "role": "Customer"}""", Encoding.UTF8, "application/json"), Ct);
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var key = await farm.Http.PostAsync($"/api/accounts/{login}/keys", new StringContent("{}", Encoding.UTF8, "application/json"), Ct);
        return (await key.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("token").GetString()!;
    }
}
