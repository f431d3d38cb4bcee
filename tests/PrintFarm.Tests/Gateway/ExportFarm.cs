using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using PrintFarm.Tests.EndToEnd;

namespace PrintFarm.Tests.Gateway;

/// <summary>One farm, with no printers, for the API description and the CSV exports; and a second customer.</summary>
public sealed class ExportFarm : IAsyncLifetime
{
    public FarmHost Farm { get; } = new();

    /// <summary>A customer's key other than the farm's seeded customer.</summary>
    public string OtherCustomerKey { get; private set; } = "";

    public ValueTask InitializeAsync() => new(Start());

    private async Task Start()
    {
        await Farm.Start();
        var ct = TestContext.Current.CancellationToken;
        var created = await Farm.Http.PostAsync("/api/accounts", Json("""{"login": "export-other", "role": "Customer"}"""), ct);
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var key = await Farm.Http.PostAsync("/api/accounts/export-other/keys", Json("{}"), ct);
        Assert.Equal(HttpStatusCode.Created, key.StatusCode);
        OtherCustomerKey = (await key.Content.ReadFromJsonAsync<JsonElement>(ct)).GetProperty("token").GetString()!;
    }

    public static StringContent Json(string json) => new(json, Encoding.UTF8, "application/json");

    public ValueTask DisposeAsync() => Farm.DisposeAsync();
}
