using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using CsvHelper;
using PrintFarm.Tests.EndToEnd;

namespace PrintFarm.Tests.Gateway;

/// <summary>
/// CSV exports of orders, read back with CsvHelper: one order for its customer (another
/// customer's is 404), many for staff (a customer gets 403), one row per item, filtered by
/// status and placement time, and cells a spreadsheet would run as formulas escaped.
/// </summary>
[Trait("Category", "EndToEnd")]
public sealed class OrderExportTests(ExportFarm farm) : IClassFixture<ExportFarm>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private const string TwoItems = """
        {
          "customer": {"name": "=HYPERLINK(\"https://evil.example\",\"Ada\")", "email": "ada@example.com"},
          "items": [
            {"design": "bracket-v4", "material": "PLA", "quantity": 2, "estimatedPrintSeconds": 60},
            {"design": "@hinge, \"left\"", "material": "PETG", "quantity": 1, "estimatedPrintSeconds": 60}
          ],
          "shipping": {"method": "standard", "address": {"name": "Ada", "street1": "1 Rue X", "city": "Paris", "postalCode": "75001", "country": "FR"}}
        }
        """;

    private async Task<JsonElement> Place(HttpClient client, string body)
    {
        var placed = await client.PostAsync("/api/orders", ExportFarm.Json(body), Ct);
        Assert.True(placed.StatusCode == HttpStatusCode.Created, await placed.Content.ReadAsStringAsync(Ct));
        return await placed.Content.ReadFromJsonAsync<JsonElement>(Ct);
    }

    private static async Task<(HttpResponseMessage Answer, string Text, List<Dictionary<string, string>> Rows)> Csv(HttpClient client, string path)
    {
        var answer = await client.GetAsync(path, Ct);
        var text = await answer.Content.ReadAsStringAsync(Ct);
        Assert.True(answer.StatusCode == HttpStatusCode.OK, $"{path}: {(int)answer.StatusCode} {text}");
        Assert.Equal("text/csv", answer.Content.Headers.ContentType?.MediaType);
        Assert.Equal("utf-8", answer.Content.Headers.ContentType?.CharSet);
        Assert.Equal("attachment", answer.Content.Headers.ContentDisposition?.DispositionType);
        Assert.EndsWith(".csv", answer.Content.Headers.ContentDisposition?.FileName?.Trim('"'));
        using var reader = CsvReader.FromText(text, CsvReaderOptions.Default);
        var rows = new List<Dictionary<string, string>>();
        while (reader.Read())
        {
            var row = new Dictionary<string, string>();
            foreach (var column in reader.Headers) row[column] = reader.GetString(column);
            rows.Add(row);
        }
        Assert.Equal(PrintFarm.Gateway.Api.OrderCsv.Columns, reader.Headers);
        return (answer, text, rows);
    }

    [Fact]
    public async Task One_orders_csv_has_a_row_per_item_with_its_values_and_escapes_formulas()
    {
        using var customer = farm.Farm.Client(farm.Farm.Accounts.Customer.Key);
        var order = await Place(customer, TwoItems);
        var reference = order.GetProperty("reference").GetString()!;

        // No printers: nothing moves the order once it is placed; what the CSV says is what the JSON says.
        order = await customer.GetFromJsonAsync<JsonElement>($"/api/orders/{reference}", Ct);
        var (answer, text, rows) = await Csv(customer, $"/api/orders/{reference}/export.csv");
        Assert.Equal($"order-{reference}.csv", answer.Content.Headers.ContentDisposition!.FileName!.Trim('"'));
        Assert.Equal(2, rows.Count);
        for (var i = 0; i < 2; i++)
        {
            var row = rows[i];
            var item = order.GetProperty("items")[i];
            Assert.Equal(reference, row["order_reference"]);
            Assert.Equal(order.Status(), row["order_status"]);
            Assert.Equal(order.GetProperty("placedAt").GetDateTimeOffset(), DateTimeOffset.Parse(row["placed_at"], CultureInfo.InvariantCulture));
            Assert.Equal(i.ToString(CultureInfo.InvariantCulture), row["item_index"]);
            Assert.Equal(item.GetProperty("material").GetString(), row["material"]);
            Assert.Equal(item.GetProperty("quantity").GetInt32().ToString(CultureInfo.InvariantCulture), row["quantity"]);
            Assert.Equal(item.GetProperty("status").GetString(), row["item_status"]);
            Assert.Equal("0", row["printed"]);
            Assert.Equal("standard", row["shipping_method"]);
            Assert.Equal("FR", row["destination_country"]);
            Assert.Equal("", row["account"]); // as in the JSON: the account is shown to staff only
            Assert.Equal("", row["carrier"]);
            Assert.Equal("", row["shipped_at"]);
            if (order.TryGetProperty("promisedDeliverBy", out var promised))
                Assert.Equal(promised.GetDateTimeOffset(), DateTimeOffset.Parse(row["promised_deliver_by"], CultureInfo.InvariantCulture));
            if (row["estimated_deliver_by"].Length > 0) DateTimeOffset.Parse(row["estimated_deliver_by"], CultureInfo.InvariantCulture);
        }
        Assert.Equal("bracket-v4", rows[0]["design"]);
        // A formula gets an apostrophe in front (and quotes), so a spreadsheet shows it as text.
        Assert.Equal("'=HYPERLINK(\"https://evil.example\",\"Ada\")", rows[0]["customer"]);
        Assert.Contains("\"'=HYPERLINK(\"\"https://evil.example\"\",\"\"Ada\"\")\"", text);
        Assert.Equal("'@hinge, \"left\"", rows[1]["design"]);
        Assert.DoesNotContain(",=", text);

        // Staff see the account, as in the JSON.
        using var viewer = farm.Farm.Client(farm.Farm.Accounts.Viewer!.Key);
        var (_, _, staffRows) = await Csv(viewer, $"/api/orders/{reference}/export.csv");
        Assert.All(staffRows, r => Assert.Equal(farm.Farm.Accounts.Customer.Login, r["account"]));
    }

    [Fact]
    public async Task Another_customers_order_csv_is_404_and_the_many_orders_export_is_403_for_customers()
    {
        using var customer = farm.Farm.Client(farm.Farm.Accounts.Customer.Key);
        var reference = (await Place(customer, ApiModels.ValidOrder)).GetProperty("reference").GetString()!;
        using var other = farm.Farm.Client(farm.OtherCustomerKey);

        var theirs = await other.GetAsync($"/api/orders/{reference}/export.csv", Ct);
        Assert.Equal(HttpStatusCode.NotFound, theirs.StatusCode);
        var none = await other.GetAsync("/api/orders/PF-ZZZZZZZZZZ/export.csv", Ct);
        Assert.Equal(HttpStatusCode.NotFound, none.StatusCode);
        // The same answer as for no order at all.
        var (missing, hidden) = (JsonDocument.Parse(await none.Content.ReadAsStringAsync(Ct)).RootElement, JsonDocument.Parse(await theirs.Content.ReadAsStringAsync(Ct)).RootElement);
        Assert.Equal(missing.GetProperty("title").GetString(), hidden.GetProperty("title").GetString());
        Assert.Equal(missing.GetProperty("detail").GetString(), hidden.GetProperty("detail").GetString()!.Replace(reference, "PF-ZZZZZZZZZZ"));

        Assert.Equal(HttpStatusCode.Forbidden, (await customer.GetAsync("/api/orders/export.csv", Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await other.GetAsync("/api/orders/export.csv", Ct)).StatusCode);
        using var anonymous = farm.Farm.Client(null);
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync("/api/orders/export.csv", Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync($"/api/orders/{reference}/export.csv", Ct)).StatusCode);
    }

    [Fact]
    public async Task The_many_orders_csv_filters_by_status_and_placement_time()
    {
        using var customer = farm.Farm.Client(farm.Farm.Accounts.Customer.Key);
        using var viewer = farm.Farm.Client(farm.Farm.Accounts.Viewer!.Key);
        using var @operator = farm.Farm.Client(farm.Farm.Accounts.Operator.Key);
        var first = await Place(customer, ApiModels.ValidOrder);
        await Task.Delay(20, Ct);
        var second = await Place(customer, TwoItems);
        var kept = await Place(customer, ApiModels.ValidOrder);
        var (a, b, c) = (Reference(first), Reference(second), Reference(kept));
        foreach (var reference in new[] { a, b })
        {
            var held = await @operator.PostAsync($"/api/orders/{reference}/status", ExportFarm.Json("""{"status": "OnHold", "message": "checking the files"}"""), Ct);
            Assert.True(held.StatusCode == HttpStatusCode.OK, await held.Content.ReadAsStringAsync(Ct));
        }
        var since = first.GetProperty("placedAt").GetDateTimeOffset();
        var secondAt = second.GetProperty("placedAt").GetDateTimeOffset();
        Assert.True(secondAt > since);

        // The board hears of the hold one-way: wait until it lists both.
        var from = Uri.EscapeDataString(since.ToString("O", CultureInfo.InvariantCulture));
        var held2 = await Eventually.Get(async () => (await Csv(viewer, $"/api/orders/export.csv?status=onhold&from={from}")).Rows,
            rows => rows.Select(r => r["order_reference"]).Distinct().Count() == 2, TimeSpan.FromSeconds(20), "the board to list both held orders");
        Assert.Equal([b, b, a], held2.Select(r => r["order_reference"])); // newest first, a row per item
        Assert.All(held2, r => Assert.Equal("OnHold", r["order_status"]));
        Assert.Equal(["0", "1", "0"], held2.Select(r => r["item_index"]));
        Assert.All(held2, r => Assert.Equal(farm.Farm.Accounts.Customer.Login, r["account"]));

        // from is inclusive, to exclusive.
        var at = Uri.EscapeDataString(secondAt.ToString("O", CultureInfo.InvariantCulture));
        Assert.Equal([b, b], (await Csv(viewer, $"/api/orders/export.csv?status=OnHold&from={at}")).Rows.Select(r => r["order_reference"]));
        Assert.Equal([a], (await Csv(viewer, $"/api/orders/export.csv?status=OnHold&from={from}&to={at}")).Rows.Select(r => r["order_reference"]));
        // Without a status, the queued one is there too; a date alone for 'to' takes in that whole day.
        var day = kept.GetProperty("placedAt").GetDateTimeOffset().UtcDateTime.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        var all = (await Csv(@operator, $"/api/orders/export.csv?from={from}&to={day}")).Rows.Select(r => r["order_reference"]).Distinct().ToList();
        Assert.Equal([c, b, a], all);
        // Nothing before: the header alone.
        var (_, empty, none) = await Csv(viewer, $"/api/orders/export.csv?to={from}&from=2000-01-01&status=OnHold");
        Assert.Empty(none.Where(r => r["order_reference"] == a || r["order_reference"] == b));
        Assert.StartsWith("order_reference,customer,", empty);
        // A customer's own orders, closed ones too, for staff with customer=.
        var cancelled = await customer.PostAsync($"/api/orders/{c}/cancel", null, Ct);
        Assert.Equal(HttpStatusCode.OK, cancelled.StatusCode);
        var theirs = (await Csv(viewer, $"/api/orders/export.csv?customer={farm.Farm.Accounts.Customer.Login}&status=Cancelled&from={from}")).Rows;
        Assert.Equal([c], theirs.Select(r => r["order_reference"]));
    }

    [Theory]
    [InlineData("status=Lost", "status")]
    [InlineData("status=3", "status")]
    [InlineData("status=Delivered", "status")]
    [InlineData("from=yesterday", "from")]
    [InlineData("from=05/01/2026", "from")]
    [InlineData("to=2026-13-01", "to")]
    [InlineData("from=2026-05-02&to=2026-05-01", "to")]
    public async Task A_bad_parameter_is_a_400_problem_naming_it(string query, string parameter)
    {
        using var viewer = farm.Farm.Client(farm.Farm.Accounts.Viewer!.Key);
        var answer = await viewer.GetAsync($"/api/orders/export.csv?{query}", Ct);
        var text = await answer.Content.ReadAsStringAsync(Ct);
        Assert.True(answer.StatusCode == HttpStatusCode.BadRequest, $"{query}: {(int)answer.StatusCode} {text}");
        Assert.Equal("application/problem+json", answer.Content.Headers.ContentType?.MediaType);
        var errors = JsonDocument.Parse(text).RootElement.GetProperty("errors");
        Assert.True(errors.TryGetProperty(parameter, out _), text);
    }

    private static string Reference(JsonElement order) => order.GetProperty("reference").GetString()!;
}
