using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using PrintFarm.Tests.EndToEnd;

namespace PrintFarm.Tests.Notifications;

/// <summary>
/// The thread between an order's customer and the shop, through a whole farm: the customer
/// writes with its key, the shop answers, the customer is emailed a link back, and replies from
/// the tracking page through that link, with a photo; files are checked by content.
/// </summary>
[Trait("Category", "Integration")]
public sealed partial class OrderThreadTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static readonly byte[] Png = Convert.FromBase64String("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mNkYAAAAAYAAjCB0C8AAAAASUVORK5CYII=");

    private static StringContent Json(string json) => new(json, Encoding.UTF8, "application/json");

    [GeneratedRegex(@"(?<url>http://127\.0\.0\.1:5080/tracking/(?<ref>PF-[A-Z0-9-]+)\?reply=(?<key>[A-Za-z0-9_-]+)#messages)")]
    private static partial Regex ReplyLink();

    [Fact]
    public async Task The_customer_and_the_shop_write_to_each_other_and_the_customer_replies_from_the_tracking_page()
    {
        await using var mail = TestMailServer.Start();
        await using var farm = new FarmHost(settings: mail.Settings("shop@farm.test"));
        await farm.Start();
        using var customer = farm.Client(farm.Accounts.Customer.Key);
        var placed = await customer.PostAsync("/api/orders", Json(ApiModels.ValidOrder), Ct);
        Assert.Equal(HttpStatusCode.Created, placed.StatusCode);
        var reference = JsonDocument.Parse(await placed.Content.ReadAsStringAsync(Ct)).RootElement.GetProperty("reference").GetString()!;

        // The customer asks; the shop hears of it by email (and the customer does not).
        var asked = await customer.PostAsync($"/api/orders/{reference}/messages", Json("""{"text": "Can the bracket be black?"}"""), Ct);
        Assert.Equal(HttpStatusCode.Created, asked.StatusCode);
        await Eventually.Get(() => Task.FromResult(mail.To("shop@farm.test")), m => m.Any(x => (x.TextBody ?? "").Contains("Can the bracket be black?")), Patience, "the shop's email of the question");

        // The shop answers with a photo; the customer gets an email with a link back to the thread.
        using var answer = new MultipartFormDataContent { { new StringContent("Yes: here is the black PLA we would use."), "text" } };
        var photo = new ByteArrayContent(Png);
        photo.Headers.ContentType = new MediaTypeHeaderValue("image/png");
        answer.Add(photo, "file", "black-pla.png");
        var answered = await farm.Http.PostAsync($"/api/orders/{reference}/messages", answer, Ct);
        Assert.Equal(HttpStatusCode.Created, answered.StatusCode);
        var email = await Eventually.Get(() => Task.FromResult(mail.To("ada@example.com").FirstOrDefault(m => (m.TextBody ?? "").Contains("black PLA"))), m => m is not null, Patience, "the customer's email of the answer");
        Assert.Equal($"Order {reference}: a message from the shop", email!.Subject);
        var link = ReplyLink().Match(email.TextBody ?? "");
        Assert.True(link.Success, email.TextBody ?? "(no text)");
        Assert.Equal(reference, link.Groups["ref"].Value);
        Assert.DoesNotContain(mail.To("shop@farm.test"), m => (m.TextBody ?? "").Contains("black PLA")); // the shop does not email itself

        // Both see the thread; the customer does not see which operator wrote.
        var thread = JsonDocument.Parse(await customer.GetStringAsync($"/api/orders/{reference}/messages", Ct)).RootElement;
        Assert.Equal(["customer", "shop"], thread.EnumerateArray().Select(m => m.GetProperty("from").GetString()));
        Assert.False(thread[1].TryGetProperty("by", out var by) && by.ValueKind == JsonValueKind.String, "the customer does not see which operator wrote");
        Assert.Equal(farm.Accounts.Admin.Login, (await farm.Get<JsonElement>($"/api/orders/{reference}/messages"))[1].GetProperty("by").GetString());
        var file = thread[1].GetProperty("attachments")[0];
        Assert.Equal(("black-pla.png", "image/png"), (file.GetProperty("name").GetString(), file.GetProperty("type").GetString()));
        Assert.Equal(Png, await customer.GetByteArrayAsync(file.GetProperty("url").GetString(), Ct));

        // The tracking page shows the thread; through the email's link it offers the reply form.
        using var browser = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false }) { BaseAddress = farm.BaseAddress };
        var page = await browser.GetStringAsync($"/tracking/{reference}", Ct);
        Assert.Contains("black PLA we would use", page);
        Assert.DoesNotContain("<textarea", page);
        var key = link.Groups["key"].Value;
        Assert.Contains("<textarea", await browser.GetStringAsync($"/tracking/{reference}?reply={key}", Ct));
        Assert.DoesNotContain("<textarea", await browser.GetStringAsync($"/tracking/{reference}?reply=not-the-key", Ct));

        using var reply = new MultipartFormDataContent { { new StringContent(key), "reply" }, { new StringContent("Perfect, black it is."), "text" } };
        var posted = await browser.PostAsync($"/tracking/{reference}/messages", reply, Ct);
        Assert.Equal(HttpStatusCode.Redirect, posted.StatusCode);
        Assert.Contains("posted=1", posted.Headers.Location!.ToString());
        await Eventually.Get(() => Task.FromResult(mail.To("shop@farm.test")), m => m.Any(x => (x.TextBody ?? "").Contains("Perfect, black it is.")), Patience, "the shop's email of the reply");

        // Refused, and nothing posted: a wrong key, a file that is not an image or PDF, an empty message.
        using var forged = new MultipartFormDataContent { { new StringContent("guessed"), "reply" }, { new StringContent("Ship it to me instead"), "text" } };
        Assert.Equal(HttpStatusCode.NotFound, (await browser.PostAsync($"/tracking/{reference}/messages", forged, Ct)).StatusCode);
        using var script = new MultipartFormDataContent { { new StringContent("see file"), "text" } };
        script.Add(new ByteArrayContent("<script>alert(1)</script>"u8.ToArray()), "file", "photo.png");
        var refused = await customer.PostAsync($"/api/orders/{reference}/messages", script, Ct);
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Contains("read from its content", await refused.Content.ReadAsStringAsync(Ct));
        Assert.Equal(HttpStatusCode.BadRequest, (await customer.PostAsync($"/api/orders/{reference}/messages", Json("""{"text": "   "}"""), Ct)).StatusCode);
        Assert.Equal(3, JsonDocument.Parse(await customer.GetStringAsync($"/api/orders/{reference}/messages", Ct)).RootElement.GetArrayLength());

        // A viewer reads the thread but cannot write to it.
        using var viewer = farm.Client(farm.Accounts.Viewer!.Key);
        Assert.Equal(HttpStatusCode.OK, (await viewer.GetAsync($"/api/orders/{reference}/messages", Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await viewer.PostAsync($"/api/orders/{reference}/messages", Json("""{"text": "hi"}"""), Ct)).StatusCode);
    }
}
