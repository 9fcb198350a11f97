namespace Rag.Web.E2E.Fixtures;

/// <summary>Finds the fixture's accounts by user name, for data-driven tests.</summary>
public static class WebAppFixtureUsers
{
    public static TestUser User(this WebAppFixture app, string userName)
    {
        ArgumentNullException.ThrowIfNull(app);
        return new[] { app.FirstAdmin, app.Employee, app.Administrator, app.Compliance }.Single(u => u.UserName == userName);
    }
}
