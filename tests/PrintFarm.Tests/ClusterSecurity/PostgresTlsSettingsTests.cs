using PrintFarm.Silo.Storage;

namespace PrintFarm.Tests.ClusterSecurity;

/// <summary>TLS to PostgreSQL goes through the connection string (SSL Mode); one that cannot be parsed stops the silo naming the setting, never quoting it.</summary>
[Trait("Category", "Unit")]
public sealed class PostgresTlsSettingsTests
{
    [Theory]
    [InlineData("Host=db;Username=printfarm;Password=s3cret-pw;Database=printfarm;SSL Mode=VerifyFull;Root Certificate=/etc/printfarm/db-ca.pem")]
    [InlineData("Host=db;Username=printfarm;Password=s3cret-pw;Database=printfarm;SSL Mode=Require")]
    public void An_SSL_Mode_is_accepted(string connectionString) =>
        Assert.Equal(connectionString, FarmStorageExtensions.RequireConnectionString(connectionString, "Storage:ConnectionString", "Storage:Provider=PostgreSql"));

    [Theory]
    [InlineData("Host=db;Username=printfarm;Password=s3cret-pw;Database=printfarm;SSL Mode=Sometimes")]
    [InlineData("Host=db;Username=printfarm;Password=s3cret-pw;Database=printfarm;Encrypt=yes-please")]
    public void A_connection_string_that_does_not_parse_is_refused_without_quoting_it(string connectionString)
    {
        var refused = Assert.Throws<InvalidOperationException>(() =>
            FarmStorageExtensions.RequireConnectionString(connectionString, "Storage:ConnectionString", "Storage:Provider=PostgreSql"));
        Assert.Contains("Storage:ConnectionString", refused.Message);
        Assert.DoesNotContain("s3cret-pw", refused.Message);
    }
}
