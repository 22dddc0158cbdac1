package dev.syscalllens.agent.it;

class HelloServerJdk17IT extends HelloServerChecks {
    @Override
    Env.Jdk jdk() {
        return Env.Jdk.JDK17;
    }
}
