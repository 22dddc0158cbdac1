package dev.syscalllens.agent.it;

class HelloFileJdk25IT extends HelloFileChecks {
    @Override
    Env.Jdk jdk() {
        return Env.Jdk.JDK25;
    }
}
