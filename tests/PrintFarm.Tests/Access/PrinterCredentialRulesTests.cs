using PrintFarm.Printers.Access;

namespace PrintFarm.Tests.Access;

[Trait("Category", "Unit")]
public sealed class PrinterCredentialRulesTests
{
    /// <summary>Written by mosquitto_passwd 2.0.11 (<c>mosquitto_passwd -c -b pw alice secret</c>): the embedded broker reads mosquitto's own hashes.</summary>
    private const string FromMosquittoPasswd = "$7$101$S/OQdEwEf4sALeAg$iSYxi2YWSI7hyzlxQzcKCCAZBuqZfDGVh/1eRP4R15ovjv1sYT3rNOumLP7GoTvt//hv0RlqOysrSUrGuIDzUg==";

    [Fact]
    public void A_hash_from_mosquitto_passwd_verifies_and_a_wrong_password_does_not()
    {
        Assert.True(MosquittoPasswordHash.Verify("secret", FromMosquittoPasswd));
        Assert.False(MosquittoPasswordHash.Verify("Secret", FromMosquittoPasswd));
        Assert.False(MosquittoPasswordHash.Verify("secret", "$6$101$abc$def"));
        Assert.False(MosquittoPasswordHash.Verify("secret", "$7$999999999$S/OQdEwEf4sALeAg$iSYx"));
        Assert.False(MosquittoPasswordHash.Verify(null, FromMosquittoPasswd));
    }

    [Fact]
    public void The_farms_hashes_have_mosquittos_shape_and_a_fresh_salt()
    {
        var password = PrinterPassword.New();
        var one = MosquittoPasswordHash.Create(password);
        var two = MosquittoPasswordHash.Create(password);
        Assert.StartsWith($"$7${MosquittoPasswordHash.DefaultIterations}$", one);
        Assert.NotEqual(one, two);
        Assert.True(MosquittoPasswordHash.Verify(password, one));
        Assert.True(MosquittoPasswordHash.IsValid(one));
        Assert.InRange(password.Length, PrinterPassword.MinLength, PrinterPassword.MaxLength);
    }

    [Fact]
    public void A_native_printer_publishes_its_own_channels_retains_only_its_status_and_listens_to_its_own_commands()
    {
        var a = PrinterTopics.Native("a-1");
        Assert.True(a.MayPublish("farm/printers/a-1/telemetry", retain: false));
        Assert.True(a.MayPublish("farm/printers/a-1/events", retain: false));
        Assert.True(a.MayPublish("farm/printers/a-1/status", retain: true));
        Assert.False(a.MayPublish("farm/printers/a-1/telemetry", retain: true));
        Assert.False(a.MayPublish("farm/printers/a-1/commands", retain: false));
        Assert.False(a.MayPublish("farm/printers/b-1/status", retain: false));
        Assert.False(a.MayPublish("farm/printers/a-10/status", retain: false));
        Assert.True(a.MaySubscribe("farm/printers/a-1/commands"));
        Assert.False(a.MaySubscribe("#"));
        Assert.False(a.MaySubscribe("farm/printers/+/commands"));
        Assert.False(a.MaySubscribe("farm/printers/b-1/commands"));
        Assert.False(a.MaySubscribe("$share/g/farm/printers/a-1/commands"));
    }

    [Fact]
    public void A_dialect_printer_owns_its_base_topic_or_instance_only()
    {
        var octo = PrinterTopics.OctoPrint("o-1", "octoprint/o-1/");
        Assert.True(octo.MayPublish("octoprint/o-1/event/PrintDone", retain: true));
        Assert.True(octo.MaySubscribe("octoprint/o-1/api/#"));
        Assert.False(octo.MayPublish("octoprint/o-2/event/PrintDone", retain: false));
        Assert.False(octo.MayPublish("octoprint/o-1", retain: false));
        Assert.False(octo.MaySubscribe("octoprint/#"));
        var moon = PrinterTopics.Moonraker("v-2", "voron-2");
        Assert.True(moon.MayPublish("voron-2/klipper/status", retain: false));
        Assert.True(moon.MaySubscribe("voron-2/moonraker/api/request"));
        Assert.False(moon.MayPublish("voron-20/klipper/status", retain: false));
        Assert.Equal(["topic readwrite voron-2/#"], moon.AclLines());
    }

    [Fact]
    public void The_mosquitto_files_list_each_printer_with_its_own_topics()
    {
        var acl = MosquittoAccessFiles.PrinterAclFile([PrinterTopics.Native("a-1"), PrinterTopics.OctoPrint("o-1", "farm/o-1/")]);
        Assert.Contains("user a-1\ntopic write farm/printers/a-1/telemetry\ntopic write farm/printers/a-1/events\ntopic write farm/printers/a-1/status\ntopic read farm/printers/a-1/commands\n", acl);
        Assert.Contains("user o-1\ntopic readwrite farm/o-1/#\n", acl);
        Assert.Equal("a-1:$7$x\nb-1:$7$y\n", MosquittoAccessFiles.PasswordFile([("a-1", "$7$x"), ("b-1", "$7$y")]));
    }

    [Theory]
    [InlineData("printfarm-silo", true)]
    [InlineData("printfarm-silo-host-11111", true)]
    [InlineData("printfarm-link-octo-1", true)]
    [InlineData("sim-001", false)]
    public void The_silos_and_links_client_ids_are_reserved(string clientId, bool reserved)
    {
        Assert.Equal(reserved, BrokerAccess.IsReservedClientId(clientId));
        Assert.Equal(reserved, BrokerAccess.WhyNoCredentials(clientId, "printfarm-silo") is not null);
    }

    [Fact]
    public void A_revoked_printer_stays_revoked_when_the_seed_file_names_it_until_an_admin_issues_new_credentials()
    {
        var now = DateTimeOffset.UnixEpoch;
        var book = new PrinterCredentialBook(new PrinterCredentialBookState());
        var first = MosquittoPasswordHash.Create("first-password-123");
        Assert.Equal(CredentialChange.Issued, book.Seed("p-1", first, samePassword: false, now));
        Assert.Equal(CredentialChange.Unchanged, book.Seed("p-1", first, samePassword: true, now));
        Assert.Equal(CredentialChange.Revoked, book.Revoke("p-1", now));
        Assert.Null(book.HashOf("p-1"));
        Assert.Equal(CredentialChange.KeptRevoked, book.Seed("p-1", first, samePassword: false, now));
        Assert.Empty(book.Active());
        Assert.Equal(CredentialChange.Rotated, book.Issue("p-1", MosquittoPasswordHash.Create("second-password-12"), now));
        Assert.Single(book.Active());
        Assert.Throws<ArgumentException>(() => book.Issue("p-2", "plain text", now));
    }
}
