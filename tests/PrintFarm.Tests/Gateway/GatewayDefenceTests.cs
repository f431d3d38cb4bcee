using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using PrintFarm.Tests.EndToEnd;
using Microsoft.Extensions.DependencyInjection;

namespace PrintFarm.Tests.Gateway;

/// <summary>
/// The gateway's defences that hold for any caller: JSON only (a cross-site form changes
/// nothing), size and count limits that name the field and create nothing, event stream limits,
/// security headers on every answer, host names, CORS, and bad ids that reach no grain.
/// </summary>
[Trait("Category", "EndToEnd")]
public sealed class GatewayDefenceTests(HardenedFarm farm) : IClassFixture<HardenedFarm>
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    private static StringContent Json(string body) => new(body, Encoding.UTF8, "application/json");

    private async Task<string> PlaceOrder(string? body = null)
    {
        var placed = await farm.Http.PostAsync("/api/orders", Json(body ?? ApiModels.ValidOrder), Cancel);
        Assert.Equal(HttpStatusCode.Created, placed.StatusCode);
        return JsonDocument.Parse(await placed.Content.ReadAsStringAsync(Cancel)).RootElement.GetProperty("reference").GetString()!;
    }

    private async Task<JsonElement> Order(string reference) => await farm.Farm.Get<JsonElement>($"/api/orders/{reference}");

    private static async Task<JsonElement> Problem(HttpResponseMessage response, HttpStatusCode expected)
    {
        var text = await response.Content.ReadAsStringAsync(Cancel);
        Assert.True(response.StatusCode == expected, $"expected {(int)expected}, got {(int)response.StatusCode}: {text}");
        return JsonDocument.Parse(text).RootElement;
    }

    public static TheoryData<string, string> CrossSiteBodies => new()
    {
        { "application/x-www-form-urlencoded", "message=gone" },
        { "multipart/form-data; boundary=x", "--x\r\nContent-Disposition: form-data; name=\"message\"\r\n\r\ngone\r\n--x--\r\n" },
        { "text/plain", """{"message": "gone"}""" },
        { "text/json", """{"message": "gone"}""" },
        { "application/json; charset=iso-8859-1", """{"message": "gone"}""" },
        { "application/json-patch+json", """{"message": "gone"}""" },
    };

    [Theory]
    [MemberData(nameof(CrossSiteBodies))]
    public async Task A_body_that_is_not_exactly_json_gets_415_and_changes_nothing_even_where_the_body_is_optional(string contentType, string body)
    {
        var reference = await PlaceOrder();
        var before = await Order(reference);

        foreach (var path in new[] { $"/api/orders/{reference}/cancel", $"/api/orders/{reference}/items/0/cancel", $"/api/orders/{reference}/status", "/api/orders" })
        {
            using var content = new ByteArrayContent(Encoding.UTF8.GetBytes(body));
            content.Headers.ContentType = MediaTypeHeaderValue.Parse(contentType);
            var refused = await farm.Http.PostAsync(path, content, Cancel);
            Assert.True(refused.StatusCode == HttpStatusCode.UnsupportedMediaType, $"{path} with {contentType} answered {(int)refused.StatusCode}");
        }

        var after = await Order(reference);
        Assert.Equal(before.Status(), after.Status());
        Assert.Equal(before.GetProperty("version").GetInt64(), after.GetProperty("version").GetInt64());
        Assert.Equal("Queued", after.GetProperty("items")[0].GetProperty("status").GetString());
    }

    [Fact]
    public async Task A_form_post_to_an_endpoint_that_reads_no_body_gets_415()
    {
        using var form = new FormUrlEncodedContent([new("done", "1")]);
        var refused = await farm.Http.PostAsync("/api/jobs/PF-ABCDEFGHJK-1-1/post-processing", form, Cancel);
        Assert.Equal(HttpStatusCode.UnsupportedMediaType, refused.StatusCode);
    }

    [Fact]
    public async Task Json_with_a_utf8_charset_or_no_body_at_all_is_accepted_by_the_cancel_endpoints()
    {
        var first = await PlaceOrder();
        using var withCharset = new StringContent("""{"message": "changed my mind"}""", Encoding.UTF8);
        withCharset.Headers.ContentType = MediaTypeHeaderValue.Parse("application/json; charset=utf-8");
        var cancelled = await farm.Http.PostAsync($"/api/orders/{first}/cancel", withCharset, Cancel);
        Assert.Equal(HttpStatusCode.OK, cancelled.StatusCode);
        Assert.Equal("changed my mind", JsonDocument.Parse(await cancelled.Content.ReadAsStringAsync(Cancel)).RootElement.GetProperty("message").GetString());

        var second = await PlaceOrder();
        Assert.Equal(HttpStatusCode.OK, (await farm.Http.PostAsync($"/api/orders/{second}/cancel", null, Cancel)).StatusCode);
        Assert.Equal("Cancelled", (await Order(second)).Status());
    }

    [Fact]
    public async Task Malformed_json_in_an_optional_body_is_refused_and_cancels_nothing()
    {
        var reference = await PlaceOrder();
        var refused = await farm.Http.PostAsync($"/api/orders/{reference}/cancel", Json("""{"message": 12"""), Cancel);
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.NotEqual("Cancelled", (await Order(reference)).Status());
    }

    [Fact]
    public async Task A_body_over_the_limit_gets_413_whether_or_not_it_says_its_length_and_nothing_is_created()
    {
        var jobsBefore = (await farm.Farm.Get<JsonElement>("/api/jobs")).GetArrayLength();
        var padded = ApiModels.ValidOrder.Replace("\"name\": \"Ada\", \"email\"", $"\"name\": \"Ada\", \"padding\": \"{new string('x', 8000)}\", \"email\"");

        var body = Encoding.UTF8.GetBytes(padded);
        // A customer's key: without one the request is refused (401) before its body is read at all.
        var key = $"Authorization: Bearer {farm.Farm.Accounts.Customer.Key}\r\n";
        var declared = $"POST /api/orders HTTP/1.1\r\nHost: 127.0.0.1\r\n{key}Content-Type: application/json\r\nContent-Length: {body.Length}\r\n\r\n";
        Assert.Equal(413, await RawStatus([.. Encoding.ASCII.GetBytes(declared), .. body]));

        var chunked = $"POST /api/orders HTTP/1.1\r\nHost: 127.0.0.1\r\n{key}Content-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n{body.Length:x}\r\n";
        Assert.Equal(413, await RawStatus([.. Encoding.ASCII.GetBytes(chunked), .. body, .. "\r\n0\r\n\r\n"u8.ToArray()]));

        Assert.Equal(jobsBefore, (await farm.Farm.Get<JsonElement>("/api/jobs")).GetArrayLength());
    }

    /// <summary>
    /// The whole request in one write, the status line of the answer back. The gateway answers
    /// 413 and closes the connection without reading what is over the limit; sent at once, nothing
    /// of the request is still on its way when it does (which would reset the connection before
    /// the answer is read).
    /// </summary>
    private async Task<int> RawStatus(byte[] request)
    {
        using var client = new System.Net.Sockets.TcpClient();
        await client.ConnectAsync(farm.Http.BaseAddress!.Host, farm.Http.BaseAddress.Port, Cancel);
        var stream = client.GetStream();
        await stream.WriteAsync(request, Cancel);
        using var reader = new StreamReader(stream, Encoding.ASCII);
        var statusLine = await reader.ReadLineAsync(Cancel) ?? "";
        return int.Parse(statusLine.Split(' ')[1], System.Globalization.CultureInfo.InvariantCulture);
    }

    [Theory]
    [InlineData("\"name\": \"Ada\", \"email\"", "\"name\": \"{0}\", \"email\"", 201, "customer.name")]
    [InlineData("\"design\": \"bracket-v4\"", "\"design\": \"{0}\"", 256, "items[0].design")]
    [InlineData("\"material\": \"PLA\"", "\"material\": \"{0}\"", 65, "items[0].material")]
    [InlineData("\"street1\": \"1 Rue X\"", "\"street1\": \"{0}\"", 201, "shipping.address.street1")]
    [InlineData("\"postalCode\": \"75001\"", "\"postalCode\": \"{0}\"", 21, "shipping.address.postalCode")]
    public async Task A_text_over_its_limit_gets_400_naming_the_field_and_nothing_is_created(string original, string replacement, int length, string field)
    {
        var jobsBefore = (await farm.Farm.Get<JsonElement>("/api/jobs")).GetArrayLength();
        var body = ApiModels.ValidOrder.Replace(original, string.Format(replacement, new string('a', length)));
        var problem = await Problem(await farm.Http.PostAsync("/api/orders", Json(body), Cancel), HttpStatusCode.BadRequest);
        Assert.Contains("at most", problem.GetProperty("errors").GetProperty(field)[0].GetString());
        Assert.Equal(jobsBefore, (await farm.Farm.Get<JsonElement>("/api/jobs")).GetArrayLength());
    }

    [Fact]
    public async Task An_order_asking_for_more_jobs_in_all_than_configured_gets_400_naming_the_items_and_nothing_is_created()
    {
        var jobsBefore = (await farm.Farm.Get<JsonElement>("/api/jobs")).GetArrayLength();
        var items = string.Join(",", Enumerable.Range(0, 6).Select(i => $$"""{"design": "part-{{i}}", "material": "PETG", "quantity": 10, "estimatedPrintSeconds": 60}"""));
        var body = $$$"""{"customer": {"name": "Ada", "email": "ada@example.com"}, "items": [{{{items}}}], "shipping": {"method": "pickup"}}""";
        var problem = await Problem(await farm.Http.PostAsync("/api/orders", Json(body), Cancel), HttpStatusCode.BadRequest);
        var message = problem.GetProperty("errors").GetProperty("items")[0].GetString();
        Assert.Contains("Orders:Limits:MaxJobsPerOrder", message);
        Assert.Contains("60", message);
        Assert.Equal(jobsBefore, (await farm.Farm.Get<JsonElement>("/api/jobs")).GetArrayLength());
    }

    [Fact]
    public async Task Operator_texts_over_their_limit_get_400_naming_the_field_and_change_nothing()
    {
        var reference = await PlaceOrder();
        var longMessage = new string('m', 2001);
        var status = await Problem(await farm.Http.PostAsync($"/api/orders/{reference}/status", Json($$"""{"status": "OnHold", "message": "{{longMessage}}"}"""), Cancel), HttpStatusCode.BadRequest);
        Assert.True(status.GetProperty("errors").TryGetProperty("message", out _));
        var cancel = await Problem(await farm.Http.PostAsync($"/api/orders/{reference}/cancel", Json($$"""{"message": "{{longMessage}}"}"""), Cancel), HttpStatusCode.BadRequest);
        Assert.True(cancel.GetProperty("errors").TryGetProperty("message", out _));
        var ship = await Problem(await farm.Http.PostAsync($"/api/orders/{reference}/shipment",
            Json($$"""{"carrier": "{{new string('c', 101)}}", "trackingNumber": "{{new string('9', 101)}}"}"""), Cancel), HttpStatusCode.BadRequest);
        Assert.True(ship.GetProperty("errors").TryGetProperty("carrier", out _));
        Assert.True(ship.GetProperty("errors").TryGetProperty("trackingNumber", out _));
        Assert.Equal("Queued", (await Order(reference)).Status());
    }

    [Fact]
    public async Task Repeated_hold_and_release_keeps_the_timeline_and_estimate_history_bounded_and_says_what_was_dropped()
    {
        var reference = await PlaceOrder();
        for (var i = 0; i < 15; i++)
        {
            Assert.Equal(HttpStatusCode.OK, (await farm.Http.PostAsync($"/api/orders/{reference}/status", Json("""{"status": "OnHold"}"""), Cancel)).StatusCode);
            Assert.Equal(HttpStatusCode.OK, (await farm.Http.PostAsync($"/api/orders/{reference}/status", Json("""{"status": "Queued"}"""), Cancel)).StatusCode);
        }
        var order = await Order(reference);
        var timeline = order.GetProperty("timeline");
        Assert.Equal(20, timeline.GetArrayLength());
        Assert.Matches(@"^\d+ earlier updates are no longer listed\.$", timeline[0].GetProperty("note").GetString());
        Assert.Equal("The hold is lifted.", timeline[timeline.GetArrayLength() - 1].GetProperty("note").GetString());
        Assert.True(order.GetProperty("estimateHistory").GetArrayLength() <= 5);
        if (order.TryGetProperty("earlierEstimatesDropped", out var dropped)) Assert.True(dropped.GetInt32() > 0);
        Assert.True(order.TryGetProperty("promisedDeliverBy", out _), "the promise outlives the estimates dropped");

        // The stream's event is the same bounded order.
        using var events = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(events.Token, Cancel);
        using var stream = await farm.Http.GetStreamAsync($"/api/orders/{reference}/events", linked.Token);
        using var reader = new StreamReader(stream);
        string? line;
        while ((line = await reader.ReadLineAsync(linked.Token)) is not null && !line.StartsWith("data:", StringComparison.Ordinal)) { }
        Assert.NotNull(line);
        Assert.True(line.Length < 16 * 1024, $"one event of {line.Length} characters");
        Assert.Equal(20, JsonDocument.Parse(line["data:".Length..]).RootElement.GetProperty("timeline").GetArrayLength());
    }

    [Fact]
    public async Task Event_streams_over_the_per_client_limit_get_429_with_retry_after_before_any_stream_byte()
    {
        var reference = await PlaceOrder();
        using var open = new CancellationTokenSource();
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(open.Token, Cancel);
        var streams = new List<HttpResponseMessage>();
        try
        {
            // The farm is shared by this class: a stream another test closed just now gives its
            // place back once the gateway sees the client gone, so the two places are awaited.
            for (var i = 0; i < 2; i++)
            {
                var stream = await Eventually.Get(async () =>
                {
                    var response = await farm.Http.GetAsync($"/api/orders/{reference}/events", HttpCompletionOption.ResponseHeadersRead, linked.Token);
                    if (response.StatusCode != HttpStatusCode.OK) response.Dispose();
                    return response;
                }, r => r.StatusCode == HttpStatusCode.OK, TimeSpan.FromSeconds(30), "a free stream place for this client");
                Assert.Equal(HttpStatusCode.OK, stream.StatusCode);
                streams.Add(stream);
            }
            var refused = await farm.Http.GetAsync($"/api/orders/{reference}/events", HttpCompletionOption.ResponseHeadersRead, Cancel);
            Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
            Assert.Equal(TimeSpan.FromSeconds(7), refused.Headers.RetryAfter?.Delta);
            Assert.NotEqual("text/event-stream", refused.Content.Headers.ContentType?.MediaType);
            Assert.DoesNotContain("event:", await refused.Content.ReadAsStringAsync(Cancel));
        }
        finally
        {
            foreach (var stream in streams) stream.Dispose();
        }
        // Closed streams give their places back.
        var again = await Eventually.Get(async () =>
        {
            var response = await farm.Http.GetAsync($"/api/orders/{reference}/events", HttpCompletionOption.ResponseHeadersRead, Cancel);
            if (response.StatusCode != HttpStatusCode.OK) response.Dispose();
            return response;
        }, r => r.StatusCode == HttpStatusCode.OK, TimeSpan.FromSeconds(30), "a stream to open once the others closed");
        again.Dispose();
    }

    [Theory]
    [InlineData("/api/farm")]
    [InlineData("/api/orders/PF-ZZZZZZZZZZ")]
    [InlineData("/tracking/PF-ZZZZZZZZZZ")]
    [InlineData("/tracking/assets/tracking.js")]
    [InlineData("/healthz")]
    [InlineData("/openapi/v1.json")]
    public async Task Every_answer_carries_the_security_headers(string path)
    {
        var response = await farm.Http.GetAsync(path, Cancel);
        var csp = string.Join(" ", response.Headers.GetValues("Content-Security-Policy"));
        Assert.Contains("default-src 'none'", csp);
        Assert.Contains("script-src 'self'", csp);
        Assert.Contains("frame-ancestors 'none'", csp);
        Assert.DoesNotContain("unsafe-inline", csp);
        Assert.Equal("nosniff", Assert.Single(response.Headers.GetValues("X-Content-Type-Options")));
        Assert.Equal("no-referrer", Assert.Single(response.Headers.GetValues("Referrer-Policy")));
        // Plain http here: HSTS is for answers over TLS only.
        Assert.False(response.Headers.Contains("Strict-Transport-Security"));
    }

    [Fact]
    public async Task The_tracking_page_keeps_its_own_headers_beside_the_common_ones()
    {
        var reference = await PlaceOrder();
        var page = await farm.Http.GetAsync($"/tracking/{reference}", Cancel);
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.True(page.Headers.CacheControl?.NoStore);
        Assert.Contains("script-src 'self'", string.Join(" ", page.Headers.GetValues("Content-Security-Policy")));
    }

    [Fact]
    public async Task A_request_for_a_host_name_not_allowed_gets_400()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/farm");
        request.Headers.Host = "rebound.example";
        Assert.Equal(HttpStatusCode.BadRequest, (await farm.Http.SendAsync(request, Cancel)).StatusCode);
        using var allowed = new HttpRequestMessage(HttpMethod.Get, "/healthz");
        allowed.Headers.Host = "localhost";
        Assert.Equal(HttpStatusCode.OK, (await farm.Http.SendAsync(allowed, Cancel)).StatusCode);
    }

    [Fact]
    public async Task Cors_answers_only_the_configured_origin()
    {
        foreach (var (origin, allowed) in new[] { (HardenedFarm.ShopOrigin, true), ("https://elsewhere.example", false) })
        {
            using var preflight = new HttpRequestMessage(HttpMethod.Options, "/api/orders");
            preflight.Headers.Add("Origin", origin);
            preflight.Headers.Add("Access-Control-Request-Method", "POST");
            preflight.Headers.Add("Access-Control-Request-Headers", "content-type");
            var answer = await farm.Http.SendAsync(preflight, Cancel);
            Assert.Equal(allowed, answer.Headers.TryGetValues("Access-Control-Allow-Origin", out var values) && values.Contains(origin));
        }
    }

    [Fact]
    public async Task Ids_that_cannot_exist_are_answered_404_without_reaching_any_grain()
    {
        foreach (var (path, key) in new[]
        {
            ("/api/jobs/PF-ZZZZZZZZZZ-0-1", "PF-ZZZZZZZZZZ-0-1"),
            ("/api/jobs/not-a-job", "not-a-job"),
            ("/api/orders/PF-zzzzzzzzzz", "PF-zzzzzzzzzz"),
            ("/api/orders/PF-ZZZZ/events", "PF-ZZZZ"),
        })
        {
            Assert.Equal(HttpStatusCode.NotFound, (await farm.Http.GetAsync(path, Cancel)).StatusCode);
            Assert.Equal(0, farm.Calls.CallsTo(key));
        }
        Assert.Equal(HttpStatusCode.NotFound, (await farm.Http.PostAsync("/api/jobs/PF-1-1/qc", Json("""{"pass": true}"""), Cancel)).StatusCode);
        Assert.Equal(0, farm.Calls.CallsTo("PF-1-1"));
    }

    [Fact]
    public async Task Well_formed_printer_and_job_ids_the_farm_does_not_know_are_answered_404_without_activating_their_grains()
    {
        // Made-up ids of the right shape: each would activate a grain and read the database.
        var ghostOrder = PrintFarm.Orders.OrderReference.New();
        var ghostJob = $"{ghostOrder}-1-1";
        const string ghostPrinter = "ghost-printer";
        Assert.Equal(HttpStatusCode.NotFound, (await farm.Http.GetAsync($"/api/jobs/{ghostJob}", Cancel)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await farm.Http.PostAsync($"/api/jobs/{ghostJob}/qc", Json("""{"pass": true}"""), Cancel)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await farm.Http.PostAsync($"/api/jobs/{ghostJob}/post-processing", Json("{}"), Cancel)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await farm.Http.GetAsync($"/api/printers/{ghostPrinter}", Cancel)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await farm.Http.PutAsync($"/api/printers/{ghostPrinter}/maintenance",
            Json("""{"cron": "0 0 3 ? * MON", "duration": "01:00:00"}"""), Cancel)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await farm.Http.DeleteAsync($"/api/printers/{ghostPrinter}/maintenance", Cancel)).StatusCode);
        Assert.Equal(0, farm.Calls.CallsTo(ghostJob));
        Assert.Equal(0, farm.Calls.CallsTo(ghostOrder)); // nor the order it names
        Assert.Equal(0, farm.Calls.CallsTo(ghostPrinter));

        // The ids the farm knows still get through: a new order's job, a printer given credentials.
        var job = $"{await PlaceOrder()}-1-1";
        Assert.Equal(HttpStatusCode.OK, (await farm.Http.GetAsync($"/api/jobs/{job}", Cancel)).StatusCode);
        const string newPrinter = "ghost-printer-2";
        Assert.Equal(HttpStatusCode.Created, (await farm.Http.PostAsync($"/api/printers/{newPrinter}/credentials", null, Cancel)).StatusCode);
        await farm.Http.GetAsync($"/api/printers/{newPrinter}", Cancel);
        Assert.True(farm.Calls.CallsTo(newPrinter) > 0, "a printer with credentials is looked up");
    }

    [Fact]
    public async Task Made_up_order_references_and_key_ids_keep_no_grain_in_memory()
    {
        var references = Enumerable.Range(0, 20).Select(_ => PrintFarm.Orders.OrderReference.New()).ToList();
        var keyIds = new List<string>();
        foreach (var reference in references)
        {
            Assert.Equal(HttpStatusCode.NotFound, (await farm.Http.GetAsync($"/api/orders/{reference}", Cancel)).StatusCode);
            Assert.Equal(HttpStatusCode.NotFound, (await farm.Http.GetAsync($"/tracking/{reference}", Cancel)).StatusCode);
            var token = PrintFarm.Accounts.ApiKeyToken.New(out var keyId);
            keyIds.Add(keyId);
            using var stranger = new HttpRequestMessage(HttpMethod.Get, "/api/farm");
            stranger.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
            Assert.Equal(HttpStatusCode.Unauthorized, (await farm.Http.SendAsync(stranger, Cancel)).StatusCode);
        }
        Assert.True(references.All(r => farm.Calls.CallsTo(r) > 0), "the made-up references were asked of their grains");

        // Each of those grains found nothing and let itself go: none is still active.
        var management = farm.Farm.GatewayServices.GetRequiredService<IClusterClient>().GetGrain<IManagementGrain>(0);
        var madeUp = references.Concat(keyIds).ToHashSet();
        var lingering = await Eventually.Get(async () => (await management.GetDetailedGrainStatistics())
                .Select(g => g.GrainId.Key.ToString()!).Where(madeUp.Contains).ToList(),
            active => active.Count == 0, TimeSpan.FromSeconds(30), "the made-up ids' grains to deactivate");
        Assert.Empty(lingering);
    }
}
