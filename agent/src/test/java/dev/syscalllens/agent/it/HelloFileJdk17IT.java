package dev.syscalllens.agent.it;

class HelloFileJdk17IT extends HelloFileChecks {
    @Override
    Env.Jdk jdk() {
        return Env.Jdk.JDK17;
    }
}
