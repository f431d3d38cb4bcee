using System.Net;
using PrintFarm.Notifications;

namespace PrintFarm.Tests.Notifications;

[Trait("Category", "Unit")]
public sealed class ReceiverAddressTests
{
    [Theory]
    [InlineData("https://hooks.example.com/printfarm?token=x")]
    [InlineData("http://203.0.113.9:8080/hook")]
    public void Public_http_urls_are_called(string url) => Assert.Null(ReceiverAddress.CheckUrl(url, allowLoopback: false, allowPrivate: false));

    [Theory]
    [InlineData("ftp://example.com/hook", "http")]
    [InlineData("file:///etc/passwd", "http")]
    [InlineData("http://user:secret@example.com/", "password")]
    [InlineData("not a url", "absolute")]
    [InlineData("http://127.0.0.1:5432/", "loopback")]
    [InlineData("http://localhost/", "loopback")]
    [InlineData("http://[::1]/", "loopback")]
    [InlineData("http://10.0.0.5/", "private")]
    [InlineData("http://172.20.1.1/", "private")]
    [InlineData("http://192.168.1.1/", "private")]
    [InlineData("http://169.254.169.254/latest/meta-data", "private")]
    [InlineData("http://[fd00::1]/", "private")]
    [InlineData("http://[::ffff:10.0.0.1]/", "private")]
    public void Other_schemes_this_machine_and_private_networks_are_refused(string url, string why)
    {
        var refused = ReceiverAddress.CheckUrl(url, allowLoopback: false, allowPrivate: false);
        Assert.NotNull(refused);
        Assert.Contains(why, refused, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void Configuration_can_allow_loopback_and_private_ranges_separately()
    {
        Assert.Null(ReceiverAddress.CheckUrl("http://127.0.0.1:9000/", allowLoopback: true, allowPrivate: false));
        Assert.NotNull(ReceiverAddress.CheckUrl("http://10.0.0.5/", allowLoopback: true, allowPrivate: false));
        Assert.Null(ReceiverAddress.CheckUrl("http://10.0.0.5/", allowLoopback: false, allowPrivate: true));
        // A name is checked at connection, by every address it resolves to.
        Assert.NotNull(ReceiverAddress.CheckAddress(IPAddress.Parse("127.0.0.2"), allowLoopback: false, allowPrivate: true));
        Assert.NotNull(ReceiverAddress.CheckAddress(IPAddress.Any, allowLoopback: true, allowPrivate: true));
    }

    [Fact]
    public void A_subscription_needs_a_callable_url_known_events_and_a_standard_webhooks_secret()
    {
        var options = new NotificationOptions();
        Assert.Empty(WebhookRules.Validate(new WebhookSpec { Url = "https://example.com/h", Events = [OrderEventTypes.Shipped], Secret = WebhookSecret.New() }, options));
        var errors = WebhookRules.Validate(new WebhookSpec { Url = "http://10.0.0.1/", Events = ["order.teleported"], Secret = "hunter2" }, options);
        Assert.Equal(["events", "secret", "url"], errors.Keys.Order());
        Assert.DoesNotContain("hunter2", string.Join(" ", errors.Values.SelectMany(v => v))); // never echoes a secret
        Assert.Equal(OrderEventTypes.All, WebhookRules.EventsOf(new WebhookSpec { Url = "https://example.com" }));
    }

    [Fact]
    public void A_delivery_id_names_its_order_and_a_shown_url_drops_its_query()
    {
        var id = Receivers.DeliveryId("PF-ABC.DEF.12", Receivers.Webhook("ada", "wh_1"));
        Assert.Equal("PF-ABC.DEF", Receivers.ReferenceOf(id));
        Assert.Null(Receivers.ReferenceOf("nothing"));
        Assert.Equal("https://example.com/hook", Receivers.Shown("https://example.com/hook?token=secret"));
    }
}
